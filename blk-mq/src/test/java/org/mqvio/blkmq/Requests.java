package org.mqvio.blkmq;

import org.mqvio.api.BlockRequest;
import org.mqvio.api.Operation;

/** Builds submitted requests for the unit tests. */
final class Requests {
    private Requests() {
    }

    static BlockRequest bio(long id, Operation op, long sector, int length, int cpu) {
        return BlockRequest.builder(op).id(id).sector(sector).length(length).cpu(cpu).completion((ctx, r) -> { })
                .build();
    }

    static BlockRequest read(long id, long sector) {
        return bio(id, Operation.READ, sector, 4096, 0);
    }

    static BlockRequest write(long id, long sector) {
        return bio(id, Operation.WRITE, sector, 4096, 0);
    }
}
