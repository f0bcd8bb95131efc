package org.mqvio.device.nvme;

import java.util.random.RandomGenerator;
import org.mqvio.api.cost.CostTable;
import org.mqvio.api.runtime.ContextSpec;
import org.mqvio.api.runtime.ExecutionContext;
import org.mqvio.api.runtime.LockKind;
import org.mqvio.api.runtime.Notifier;
import org.mqvio.api.runtime.NotifierSpec;
import org.mqvio.api.runtime.Platform;
import org.mqvio.api.runtime.PlatformLock;
import org.mqvio.api.runtime.Timer;
import org.mqvio.api.runtime.TimerHandle;

/**
 * The platform as the device side sees it: every timer action runs holding the device's monitor, the same
 * one the driver holds when it writes a doorbell, so the controller, its interrupt vectors and its flash
 * model are never run by two threads at once (live). In simulation there is one thread and the monitor
 * changes nothing, so the action is scheduled as it is (no wrapper per timer). Everything else is the
 * underlying platform's.
 */
final class DeviceTime implements Platform {
    private final Platform platform;
    private final Object monitor;

    DeviceTime(Platform platform, Object monitor) {
        this.platform = platform;
        this.monitor = monitor;
    }

    @Override
    public TimerHandle schedule(long delayNs, Runnable action) {
        if (platform.isSimulated()) {
            return platform.schedule(delayNs, action);
        }
        return platform.schedule(delayNs, () -> {
            synchronized (monitor) {
                action.run();
            }
        });
    }

    @Override
    public void after(long delayNs, Runnable action) {
        if (platform.isSimulated()) {
            platform.after(delayNs, action);
        } else {
            schedule(delayNs, action);
        }
    }

    @Override
    public Timer newTimer(Runnable action) {
        if (platform.isSimulated()) {
            return platform.newTimer(action);
        }
        return platform.newTimer(() -> {
            synchronized (monitor) {
                action.run();
            }
        });
    }

    @Override
    public long nanoTime() {
        return platform.nanoTime();
    }

    @Override
    public boolean isSimulated() {
        return platform.isSimulated();
    }

    @Override
    public CostTable costs() {
        return platform.costs();
    }

    @Override
    public ExecutionContext newContext(ContextSpec spec) {
        return platform.newContext(spec);
    }

    @Override
    public PlatformLock newLock(String name, LockKind kind) {
        return platform.newLock(name, kind);
    }

    @Override
    public Notifier newNotifier(NotifierSpec spec, ExecutionContext target, Runnable handler) {
        return platform.newNotifier(spec, target, handler);
    }

    @Override
    public RandomGenerator random(String stream) {
        return platform.random(stream);
    }
}
