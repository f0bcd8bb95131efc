package org.mqvio.harness.workload;

import java.util.List;

/**
 * fio's {@code random_distribution}: how a random I/O's block is chosen within the region (fio's
 * {@code get_next_rand_offset()} in {@code io_u.c}). fio's {@code sequence} distribution is not modelled.
 */
public sealed interface RandomDistribution {
    /** fio's default: every block equally likely. */
    RandomDistribution UNIFORM = new Uniform();

    /** fio's value for a center that was not given: a random one (zipf, pareto) or none (normal). */
    double NO_CENTER = -1;

    /** {@code random}: uniform. */
    record Uniform() implements RandomDistribution {
    }

    /**
     * {@code zipf:theta[:center]}: fio's {@code lib/zipf.c} (the block of rank k is hit in proportion to
     * {@code 1/k^theta}; ranks are scattered over the region by a hash, then rotated by the center).
     *
     * @param theta  fio's Zipf theta, {@code > 0} and not 1
     * @param center 0..1, or {@link #NO_CENTER}
     */
    record Zipf(double theta, double center) implements RandomDistribution {
        public Zipf {
            if (!(theta > 0) || theta == 1.0 || Double.isInfinite(theta)) {
                throw new IllegalArgumentException("random_distribution=zipf:" + theta + " is invalid; allowed:"
                        + " a theta > 0 other than 1, e.g. zipf:1.2");
            }
            checkCenter(center);
        }
    }

    /**
     * {@code pareto:h[:center]}: fio's {@code pareto_next()} in {@code lib/zipf.c}.
     *
     * @param h      fio's Pareto power, in (0, 1)
     * @param center 0..1, or {@link #NO_CENTER}
     */
    record Pareto(double h, double center) implements RandomDistribution {
        public Pareto {
            if (!(h > 0 && h < 1)) {
                throw new IllegalArgumentException("random_distribution=pareto:" + h + " is invalid; allowed: a power"
                        + " in (0, 1), e.g. pareto:0.2");
            }
            checkCenter(center);
        }
    }

    /**
     * {@code normal:deviation[:center]} (alias {@code gauss}): fio's {@code lib/gauss.c}.
     *
     * @param deviation the deviation in percent of the region, in [0, 100)
     * @param center    0..1, or {@link #NO_CENTER}
     */
    record Normal(double deviation, double center) implements RandomDistribution {
        public Normal {
            if (!(deviation >= 0 && deviation < 100)) {
                throw new IllegalArgumentException("random_distribution=normal:" + deviation + " is invalid; allowed:"
                        + " a deviation in [0, 100), e.g. normal:10");
            }
            checkCenter(center);
        }
    }

    /**
     * {@code zoned:...} or {@code zoned_abs:...}: each direction's zones, in order from the region's start; an
     * empty list for a direction means uniform.
     *
     * @param absolute whether zone sizes are bytes ({@code zoned_abs}) rather than percent of the region
     * @param read     the zones of reads
     * @param write    the zones of writes
     */
    record Zoned(boolean absolute, List<Zone> read, List<Zone> write) implements RandomDistribution {
        public Zoned {
            read = checked(absolute, read);
            write = checked(absolute, write);
        }

        private static List<Zone> checked(boolean absolute, List<Zone> zones) {
            String name = absolute ? "zoned_abs" : "zoned";
            if (zones.isEmpty()) {
                return List.of();
            }
            long access = zones.stream().mapToLong(Zone::accessPercent).sum();
            if (access != 100) {
                throw new IllegalArgumentException("random_distribution=" + name + " access percentages add up to "
                        + access + "; allowed: ACCESS/SIZE entries whose access percentages add up to 100");
            }
            if (!absolute && zones.stream().mapToLong(Zone::size).sum() > 100) {
                throw new IllegalArgumentException("random_distribution=zoned size percentages add up to more than"
                        + " 100; allowed: sizes in percent of the region adding up to at most 100");
            }
            return List.copyOf(zones);
        }
    }

    /**
     * One zone of a zoned distribution.
     *
     * @param accessPercent share of the direction's random I/Os that fall in it, 0..100
     * @param size          its length: percent of the region (zoned) or bytes (zoned_abs), {@code >= 0}
     */
    record Zone(int accessPercent, long size) {
        public Zone {
            if (accessPercent < 0 || accessPercent > 100 || size < 0) {
                throw new IllegalArgumentException("zone " + accessPercent + "/" + size + " is invalid; allowed:"
                        + " ACCESS/SIZE with an access percentage in 0..100 and a size >= 0");
            }
        }
    }

    private static void checkCenter(double center) {
        if (center != NO_CENTER && !(center >= 0 && center <= 1)) {
            throw new IllegalArgumentException("random_distribution center " + center + " is invalid; allowed: a"
                    + " center in [0, 1], e.g. zipf:1.2:0.25");
        }
    }
}
