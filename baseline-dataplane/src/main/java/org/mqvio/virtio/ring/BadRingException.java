package org.mqvio.virtio.ring;

/**
 * The guest put something in a ring that the device must refuse. Caught inside the device half and turned
 * into the queue's broken state; it never leaves the package. Carries no stack trace: it is an expected
 * outcome of untrusted input, not a bug.
 */
final class BadRingException extends Exception {
    private static final long serialVersionUID = 1L;

    BadRingException(String message) {
        super(message, null, false, false);
    }
}
