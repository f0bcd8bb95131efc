package org.mqvio.dataplane.mq;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mqvio.virtio.blk.dataplane.DataPlaneLayout;

/**
 * The multi-queue layouts: virtqueue i interrupts vCPU i mod vCPUs, and the queues go to IoThreads either
 * round-robin ({@link #roundRobin}; with as many threads as queues and queues as vCPUs, the papers' queue,
 * lock, vector and IoThread per vCPU) or as {@code mq.mapping} says ({@link #parse}), QEMU 9's
 * {@code iothread-vq-mapping} in one line.
 */
final class IoThreadVqMapping {
    private IoThreadVqMapping() {
    }

    /** {@code queues} queues spread round-robin over {@code threads} IoThreads named iothread0, iothread1, ... */
    static DataPlaneLayout roundRobin(int queues, int threads, int vcpus) {
        int[] toThread = new int[queues];
        for (int q = 0; q < queues; q++) {
            toThread[q] = q % threads;
        }
        List<String> names = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            names.add("iothread" + t);
        }
        return new DataPlaneLayout(queues, threads, toThread, interruptTargets(queues, vcpus), names);
    }

    /**
     * Parses {@code mq.mapping}: IoThreads separated by {@code ;}, each a name optionally followed by {@code :}
     * and its virtqueues ({@code io0:0,2;io1:1,3}). Either every IoThread lists its virtqueues or none does, in
     * which case the queues are spread round-robin over the threads in the order given. The checks are QEMU's:
     * a duplicate IoThread, a virtqueue index out of range, a virtqueue assigned twice, or one left unassigned
     * is an error naming it.
     *
     * @throws IllegalArgumentException if the mapping is malformed or does not assign each queue exactly once
     */
    static DataPlaneLayout parse(String text, int queues, int vcpus) {
        Map<String, List<Integer>> threads = new LinkedHashMap<>();
        boolean anyLists = false;
        boolean anyBare = false;
        for (String part : text.split(";")) {
            String item = part.trim();
            if (item.isEmpty()) {
                throw new IllegalArgumentException(MqProvider.MAPPING + "='" + text + "' has an empty entry; allowed: "
                        + "NAME[:VQ,VQ...] entries separated by ';'");
            }
            int colon = item.indexOf(':');
            String name = (colon < 0 ? item : item.substring(0, colon)).trim();
            if (!name.matches("[A-Za-z][A-Za-z0-9_-]*")) {
                throw new IllegalArgumentException(MqProvider.MAPPING + ": IoThread name '" + name
                        + "' is invalid; allowed: a letter then letters, digits, '_' or '-'");
            }
            if (threads.containsKey(name)) {
                throw new IllegalArgumentException(MqProvider.MAPPING + ": duplicate IoThread name \"" + name + "\"");
            }
            List<Integer> vqs = new ArrayList<>();
            if (colon >= 0) {
                anyLists = true;
                for (String v : item.substring(colon + 1).split(",")) {
                    vqs.add(vqIndex(v.trim(), name, queues));
                }
            } else {
                anyBare = true;
            }
            threads.put(name, vqs);
        }
        if (anyLists && anyBare) {
            throw new IllegalArgumentException(MqProvider.MAPPING + "='" + text
                    + "': either every IoThread lists its virtqueues or none does");
        }
        List<String> names = new ArrayList<>(threads.keySet());
        int[] toThread = new int[queues];
        Arrays.fill(toThread, -1);
        if (anyLists) {
            for (int t = 0; t < names.size(); t++) {
                for (int vq : threads.get(names.get(t))) {
                    if (toThread[vq] >= 0) {
                        throw new IllegalArgumentException(MqProvider.MAPPING + ": cannot assign virtqueue " + vq
                                + " to IoThread \"" + names.get(t) + "\" because it is already assigned to \""
                                + names.get(toThread[vq]) + "\"");
                    }
                    toThread[vq] = t;
                }
            }
            for (int vq = 0; vq < queues; vq++) {
                if (toThread[vq] < 0) {
                    throw new IllegalArgumentException(MqProvider.MAPPING + ": virtqueue " + vq
                            + " is not assigned to any IoThread (there are " + queues + " virtqueues: 0.." + (queues - 1) + ")");
                }
            }
        } else {
            if (names.size() > queues) {
                throw new IllegalArgumentException(MqProvider.MAPPING + " names " + names.size()
                        + " IoThreads but there are only " + queues + " virtqueues: every IoThread must serve one");
            }
            for (int vq = 0; vq < queues; vq++) {
                toThread[vq] = vq % names.size();
            }
        }
        return new DataPlaneLayout(queues, names.size(), toThread, interruptTargets(queues, vcpus), names);
    }

    /** Queue i interrupts vCPU i mod {@code vcpus}. */
    private static int[] interruptTargets(int queues, int vcpus) {
        int[] toVcpu = new int[queues];
        for (int q = 0; q < queues; q++) {
            toVcpu[q] = q % vcpus;
        }
        return toVcpu;
    }

    private static int vqIndex(String text, String thread, int queues) {
        try {
            int vq = Integer.parseInt(text);
            if (vq >= 0 && vq < queues) {
                return vq;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(MqProvider.MAPPING + ": vq index '" + text + "' for IoThread \"" + thread
                + "\" must be an integer less than the number of virtqueues (" + queues + ")");
    }
}
