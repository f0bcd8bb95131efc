package org.mqvio.harness.workload;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

/**
 * The block generators of fio's skewed distributions over {@code n} ranges (fio's {@code lib/zipf.c} and
 * {@code lib/gauss.c}; fio sizes a range as the smaller of the read and write block sizes,
 * {@code __init_rand_distribution()} in {@code filesetup.c}). Each draws a rank, scatters it over the ranges by
 * multiplying it with the 64-bit golden-ratio constant fio's {@code __hash_u64()} uses (a bijection when n is a
 * power of two), and rotates the result by an offset: random for zipf and pareto unless a center is given, the
 * center's distance from the middle for normal.
 */
abstract sealed class SkewedBlocks {
    /** fio's hash multiplier ({@code GOLDEN_RATIO_64} in fio's {@code hash.h}). */
    private static final long GOLDEN_RATIO_64 = 0x61C8864680B583EBL;

    final long n;
    private final long rotation;
    private final RandomGenerator random;

    SkewedBlocks(long n, long rotation, RandomGenerator random) {
        this.n = n;
        this.rotation = rotation;
        this.random = random;
    }

    /** The generator of {@code distribution} (zipf, pareto or normal) over {@code n >= 1} ranges. */
    static SkewedBlocks of(RandomDistribution distribution, long n, RandomGenerator random) {
        return switch (distribution) {
            case RandomDistribution.Zipf z -> new Zipf(n, z.theta(), rotation(z.center(), n, random), random);
            case RandomDistribution.Pareto p -> new Pareto(n, p.h(), rotation(p.center(), n, random), random);
            case RandomDistribution.Normal g -> new Gauss(n, g.deviation(),
                    g.center() == RandomDistribution.NO_CENTER ? 0 : (long) (n * (g.center() - 0.5)), random);
            default -> throw new IllegalArgumentException("not a skewed distribution: " + distribution);
        };
    }

    /** fio draws a random 32-bit rotation unless a center is given ({@code shared_rand_init()}). */
    private static long rotation(double center, long n, RandomGenerator random) {
        return center == RandomDistribution.NO_CENTER ? random.nextInt() & 0xFFFF_FFFFL : (long) (n * center);
    }

    /** The next range, in {@code [0, n)}. */
    final long next() {
        return Math.floorMod(rank(random) * GOLDEN_RATIO_64 + rotation, n);
    }

    /** The next rank before scattering, from 0 (the most frequent for zipf and pareto). */
    abstract long rank(RandomGenerator random);

    /**
     * Zipf ranks by the approximate inversion fio uses (Gray et al., "Quickly generating billion-record synthetic
     * databases", SIGMOD 1994): ranks 1 and 2 exactly, the rest from a closed form; the normalising sum over at most
     * ten million ranks, as fio caps it.
     */
    static final class Zipf extends SkewedBlocks {
        private static final long MAX_TERMS = 10_000_000L;
        /** The normalising sums already computed: every clone of a job needs the same one. */
        private static final Map<String, Double> ZETA = new ConcurrentHashMap<>();

        private final double theta;
        private final double zetan;
        private final double alpha;
        private final double eta;

        Zipf(long n, double theta, long rotation, RandomGenerator random) {
            super(n, rotation, random);
            this.theta = theta;
            this.zetan = ZETA.computeIfAbsent(n + ":" + theta, k -> zeta(Math.min(n, MAX_TERMS), theta));
            double zeta2 = 1 + Math.pow(0.5, theta);
            this.alpha = 1 / (1 - theta);
            this.eta = (1 - Math.pow(2.0 / n, 1 - theta)) / (1 - zeta2 / zetan);
        }

        /** The normalising sum of the first {@code terms} ranks: {@code sum 1/k^theta}. */
        static double zeta(long terms, double theta) {
            double sum = 0;
            for (long k = 1; k <= terms; k++) {
                sum += Math.pow(1.0 / k, theta);
            }
            return sum;
        }

        @Override
        long rank(RandomGenerator random) {
            double u = random.nextDouble();
            double z = u * zetan;
            if (z < 1) {
                return 0;
            }
            if (z < 1 + Math.pow(0.5, theta)) {
                return 1;
            }
            return Math.min(n - 1, (long) (n * Math.pow(eta * u - eta + 1, alpha)));
        }
    }

    /** Pareto ranks: {@code (n - 1) * u^(log h / log(1 - h))} ({@code pareto_next()}). */
    static final class Pareto extends SkewedBlocks {
        private final double power;

        Pareto(long n, double h, long rotation, RandomGenerator random) {
            super(n, rotation, random);
            this.power = Math.log(h) / Math.log(1 - h);
        }

        @Override
        long rank(RandomGenerator random) {
            return (long) ((n - 1) * Math.pow(random.nextDouble(), power));
        }
    }

    /**
     * fio's normal: the mean of twelve uniform draws over {@code [0, n]} (rounded up), plus a uniform deviation of
     * {@code deviation} percent of the ranges (at most half of them), halved until it stays below n
     * ({@code gauss_next()}).
     */
    static final class Gauss extends SkewedBlocks {
        private static final int DRAWS = 12;
        private final long spread;

        Gauss(long n, double deviation, long rotation, RandomGenerator random) {
            super(n, rotation, random);
            this.spread = deviation == 0 ? 0 : Math.min((long) Math.ceil(n * deviation / 100), n / 2);
        }

        @Override
        long rank(RandomGenerator random) {
            long sum = 0;
            for (int i = 0; i < DRAWS; i++) {
                sum += random.nextLong(n + 1);
            }
            sum = (sum + DRAWS - 1) / DRAWS;
            if (spread > 0) {
                long dev = (long) (spread * random.nextDouble()) - spread / 2;
                while (dev + sum >= n) {
                    dev /= 2;
                }
                sum += dev;
            }
            return sum;
        }
    }
}
