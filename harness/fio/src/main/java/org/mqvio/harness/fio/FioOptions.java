package org.mqvio.harness.fio;

import com.google.common.base.CharMatcher;
import com.google.common.base.Splitter;
import com.google.common.collect.ImmutableSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every option name fio knows, split into the ones mqvio models ({@link FioOption}) and the ones that mean
 * nothing to a model of the I/O path (files, engines, logging, verification, ...), which are accepted and
 * listed as not applicable. A name in neither is an error.
 */
final class FioOptions {
    /**
     * fio job and command-line options that mqvio accepts but does not model (fio 3.x HOWTO names). Job files
     * written for real devices set them; they are listed in the output as not applicable.
     */
    static final Set<String> NOT_APPLICABLE = ImmutableSet.copyOf(Splitter.on(CharMatcher.whitespace()).omitEmptyStrings()
            .split("""
            ioengine direct buffered atomic filename directory filename_format unique_filename lockfile nrfiles
            openfiles file_service_type ioscheduler create_serialize create_fsync create_on_open create_only
            allow_file_create allow_mounted_write pre_read unlink unlink_each_loop zonemode zonerange zonesize
            zonecapacity zoneskip read_beyond_wp max_open_zones job_max_open_zones zone_reset_threshold
            zone_reset_frequency ignore_zone_limits rw_sequencer unified_rw_reporting allrandrepeat fallocate
            fadvise_hint fadvise_stream offset_align offset_increment fsync fdatasync write_barrier
            sync_file_range overwrite end_fsync fsync_on_close random_distribution percentage_random
            random_generator blocksize_range bsrange bssplit blocksize_unaligned bs_unaligned bs_is_seq_rand
            blockalign ba buffer_pattern zero_buffers refill_buffers scramble_buffers buffer_compress_percentage
            buffer_compress_chunk dedupe_percentage dedupe_mode dedupe_working_set_percentage
            dedupe_global invalidate sync iomem mem iomem_align hugepage-size lockmem filesize file_append
            fill_device fill_fs iodepth_batch_submit iodepth_batch iodepth_batch_complete_min
            iodepth_batch_complete iodepth_batch_complete_max iodepth_low serialize_overlap io_submit_mode
            thinktime thinktime_blocks thinktime_spin thinktime_blocks_type thinktime_iotime rate rate_min
            rate_process rate_ignore_thinktime rate_iops rate_iops_min rate_cycle latency_target latency_window
            latency_percentile latency_run max_latency cpumask cpus_allowed_policy numa_cpu_nodes
            numa_mem_policy startdelay clocksource gtod_reduce gtod_cpu job_start_clock_id clat_percentiles
            lat_percentiles slat_percentiles significant_figures stats disable_lat disable_clat disable_slat
            disable_bw_measurement disable_bw exitall exit_what exitall_on_error nice prio prioclass
            cmdprio_percentage cmdprio_class cmdprio cmdprio_bssplit uid gid flow_id flow flow_sleep thread
            continue_on_error ignore_error error_dump write_bw_log write_lat_log write_hist_log
            write_iops_log log_avg_msec log_hist_msec log_hist_coarse log_max_value log_offset
            log_compression log_compression_cpus log_store_compressed log_unix_epoch log_alternate_epoch
            log_alternate_epoch_clock_id log_entries log_prio block_error_percentiles verify verify_offset
            verify_interval verify_pattern verify_fatal verify_dump verify_async verify_async_cpus
            verify_backlog verify_backlog_batch do_verify verify_only verify_state_save verify_state_load
            trim_percentage trim_verify_zero trim_backlog trim_backlog_batch experimental_verify
            replay_no_stall read_iolog write_iolog replay_redirect replay_scale replay_align
            replay_time_scale replay_skip merge_blktrace_file merge_blktrace_scalars merge_blktrace_iters
            loops unit_base steadystate ss steadystate_duration ss_dur steadystate_ramp_time ss_ramp
            steadystate_check_interval ss_interval norandommap softrandommap exec_prerun exec_postrun
            per_job_logs hipri fixedbufs registerfiles sqthread_poll sqthread_poll_cpu userspace_reap nowait
            force_async cmd_type sg_write_mode readfua writefua
            write_hint fdp fdp_pli fdp_pli_select dataplacement plids
            plid_select chunk_size hostname
            port interface verb bindname protocol pingpong
            disk_util idle-prof warnings-fatal max-jobs bandwidth-log minimal
            append-terse terse-version eta eta-interval eta-newline status-interval section alloc-size
            readonly parse-only showcmd debug trigger-file trigger-timeout trigger trigger-remote
            aux-path inflate-log crctest cpuclock-test server client daemonize remote-config
            """));

    private static final Map<String, FioOption> BY_NAME = new LinkedHashMap<>();

    static {
        for (FioOption o : FioOption.values()) {
            BY_NAME.put(o.fioName(), o);
            o.aliases().forEach(a -> BY_NAME.put(a, o));
        }
    }

    private FioOptions() {
    }

    /** The modelled option called {@code name} (its fio name or an alias). */
    static Optional<FioOption> modelled(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    static boolean notApplicable(String name) {
        return NOT_APPLICABLE.contains(name);
    }

    /** The modelled options' fio names, comma separated, for messages. */
    static String modelledNames() {
        return Arrays.stream(FioOption.values()).map(FioOption::fioName).sorted().collect(Collectors.joining(", "));
    }

    /** Every name fio knows: the modelled names and aliases first, then the ones not applicable. */
    static List<String> names() {
        List<String> all = new ArrayList<>(BY_NAME.keySet());
        all.addAll(NOT_APPLICABLE);
        return all;
    }

    /** The known name nearest to {@code name}: modelled names first among equals. */
    static String nearest(String name) {
        return EditDistance.nearest(name, names());
    }

    /** The message for an option fio does not know. */
    static String unknown(RawOption o) {
        return o.origin() + ": unknown option '" + o.name() + "'; did you mean '"
                + String.join("' or '", EditDistance.nearest(o.name(), names(), 3))
                + "'? allowed: the fio options mqvio models (" + modelledNames()
                + ") and any other fio option (accepted as not applicable)";
    }
}
