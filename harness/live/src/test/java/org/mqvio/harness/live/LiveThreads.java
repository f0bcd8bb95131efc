package org.mqvio.harness.live;

import java.util.List;

/** The live runtime's threads still alive in this JVM (by their name prefix). */
final class LiveThreads {
    private LiveThreads() {
    }

    static List<String> alive() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith(LivePlatform.THREAD_PREFIX)).sorted().toList();
    }
}
