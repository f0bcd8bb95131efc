package org.mqvio.virtio.ring;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/** What the calling thread allocates: the measure behind the tests' bounds on work per call. */
public final class ThreadAllocation {
    /**
     * The JDK's {@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes(long)} bound to the platform's
     * bean: looked up once by reflection, as this module does not read {@code jdk.management} (and should not,
     * for a test), so that a measurement allocates nothing for the look-up itself.
     */
    private static final MethodHandle ALLOCATED = lookUp();

    private ThreadAllocation() {
    }

    /** Bytes the calling thread allocated while running {@code action}. */
    public static long allocatedBy(Runnable action) {
        long before = allocatedBytes();
        action.run();
        return allocatedBytes() - before;
    }

    /** Bytes the calling thread has allocated since it started. */
    public static long allocatedBytes() {
        try {
            return (long) ALLOCATED.invokeExact(Thread.currentThread().threadId());
        } catch (Throwable e) {
            throw new IllegalStateException("this JDK does not count allocated bytes per thread", e);
        }
    }

    private static MethodHandle lookUp() {
        try {
            Object bean = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean")
                    .invoke(null);
            Class<?> type = Class.forName("com.sun.management.ThreadMXBean");
            return MethodHandles.publicLookup().findVirtual(type, "getThreadAllocatedBytes",
                    MethodType.methodType(long.class, long.class)).bindTo(bean);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this JDK does not count allocated bytes per thread", e);
        }
    }
}
