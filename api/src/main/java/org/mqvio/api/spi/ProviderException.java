package org.mqvio.api.spi;

/** A provider could not be found or loaded; the message names the problem and the available providers. */
public final class ProviderException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ProviderException(String message) {
        super(message);
    }

    public ProviderException(String message, Throwable cause) {
        super(message, cause);
    }
}
