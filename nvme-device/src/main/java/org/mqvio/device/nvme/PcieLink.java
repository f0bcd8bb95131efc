package org.mqvio.device.nvme;

import java.util.ArrayList;
import java.util.List;

/**
 * The PCI Express link between the host and the controller: its generation, its lanes and the negotiated
 * maximum payload size (MPS). Its usable bandwidth in one direction is what is left for data once the
 * physical layer's encoding and each transaction layer packet's (TLP's) overhead are paid:
 * {@code lanes x rate x encoding / 8 x MPS / (MPS + 24)}.
 *
 * <ul>
 *   <li>Rate per lane: 2.5, 5, 8, 16 and 32 GT/s for generations 1 to 5 (PCI Express Base Specification
 *       1.0a, 2.0, 3.0, 4.0 and 5.0).</li>
 *   <li>Encoding: 8b/10b for generations 1 and 2, 128b/130b from generation 3 on (Base Specification 3.0,
 *       section 4.2.2).</li>
 *   <li>Overhead per TLP: 24 bytes in every generation with 64-bit addresses: a 4-doubleword (16-byte)
 *       memory request header, the 4-byte LCRC, and framing (generations 1-2: 1-byte start, 2-byte
 *       sequence number and 1-byte end symbol; from generation 3: the 4-byte STP token carrying the
 *       sequence number). Data moves in TLPs of at most MPS bytes each; no ECRC.</li>
 *   <li>Data link layer packets (Ack and flow-control updates, 8 bytes each) travel in the direction
 *       opposite to the data they acknowledge, so one-way traffic (a read stream, or a write stream) does
 *       not pay them in its own direction (PLX PEX 8532 data book, section 8.4.1.4, its "0% DLLP" case).</li>
 * </ul>
 *
 * <p>So a PCIe 3.0 x4 link with a 256-byte MPS moves 4 x 984.6 MB/s x 256/280 = 3,601 MB/s of data per
 * direction. Links are full duplex: each direction is its own resource. What this leaves out: SKP ordered
 * sets (about 0.3%), the controller's own small packets per command (fetching the 64-byte submission queue
 * entry, posting the 16-byte completion entry and the MSI-X write), and the memory read requests a write's
 * data is fetched with.
 *
 * @param generation 1 to 5
 * @param lanes      1, 2, 4, 8 or 16
 * @param maxPayload negotiated maximum payload size in bytes, a power of two from 128 to 4096
 */
record PcieLink(int generation, int lanes, int maxPayload) {
    /** Bytes of overhead per TLP: 16-byte header, 4-byte LCRC, 4 bytes of framing and sequence number. */
    static final int TLP_OVERHEAD = 24;
    /** Parameter value for no link (a memory device, as null_blk). */
    static final String NONE = "none";
    private static final double[] GIGATRANSFERS = {2.5, 5, 8, 16, 32};
    private static final int[] LANES = {1, 2, 4, 8, 16};

    PcieLink {
        if (generation < 1 || generation > GIGATRANSFERS.length) {
            throw new IllegalArgumentException("PCIe generation " + generation + " is invalid; allowed: 1 to "
                    + GIGATRANSFERS.length);
        }
        if (Integer.bitCount(lanes) != 1 || lanes > 16) {
            throw new IllegalArgumentException("PCIe lanes " + lanes + " is invalid; allowed: 1, 2, 4, 8 or 16");
        }
        if (Integer.bitCount(maxPayload) != 1 || maxPayload < 128 || maxPayload > 4096) {
            throw new IllegalArgumentException(NvmeParameters.LINK_MAX_PAYLOAD + "=" + maxPayload + " is invalid; "
                    + "allowed: 128, 256, 512, 1024, 2048 or 4096 bytes (PCIe's maximum payload sizes)");
        }
    }

    /** The values {@code nvme.link} accepts: {@code none} and {@code pcie<generation>x<lanes>}. */
    static List<String> choices() {
        List<String> names = new ArrayList<>();
        names.add(NONE);
        for (int g = 1; g <= GIGATRANSFERS.length; g++) {
            for (int lanes : LANES) {
                names.add("pcie" + g + "x" + lanes);
            }
        }
        return List.copyOf(names);
    }

    /** The link {@code name} ({@code pcie3x4}) names, or null for {@code none}. */
    static PcieLink parse(String name, int maxPayload) {
        if (name.equals(NONE)) {
            return null;
        }
        int x = name.indexOf('x');
        return new PcieLink(Integer.parseInt(name.substring(4, x)), Integer.parseInt(name.substring(x + 1)),
                maxPayload);
    }

    /** Data bytes per second the link carries in one direction. */
    long bytesPerSecond() {
        double encoding = generation <= 2 ? 8.0 / 10 : 128.0 / 130;
        double perLane = GIGATRANSFERS[generation - 1] * 1e9 * encoding / 8;
        return (long) (lanes * perLane * maxPayload / (maxPayload + TLP_OVERHEAD));
    }
}
