package org.mqvio.harness.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.mqvio.api.cost.Cost;
import org.mqvio.api.cost.CostTable;
import org.mqvio.harness.stack.Stack;
import org.mqvio.harness.stack.StackConfig;

class PaperSensitivityTest {
    private static final CostTable COSTS = Stack.costs(StackConfig.defaults(1));

    @Test
    void everyCostMovesBothWaysAloneAndEveryMechanismIsSwitchedOff() {
        List<PaperSensitivity.Variant> v = PaperSensitivity.variants(COSTS, Set.of());
        assertThat(v).hasSize(1 + 2 * Cost.values().length + Mechanism.values().length);
        assertThat(v.get(0).kind()).isEqualTo(PaperSensitivity.Kind.BASE);
        long submit = COSTS.get(Cost.GUEST_SUBMIT);
        assertThat(v).extracting(PaperSensitivity.Variant::change).contains(
                "cost.guest_submit=" + Math.round(submit * 0.75), "cost.guest_submit=" + Math.round(submit * 1.25));
        StackConfig point = StackConfig.defaults(8);
        StackConfig moved = v.stream().filter(x -> x.name().equals("guest_submit +25%")).findFirst().orElseThrow()
                .apply().apply(point);
        assertThat(Stack.costs(moved).get(Cost.GUEST_SUBMIT)).isEqualTo(Math.round(submit * 1.25));
        assertThat(Stack.costs(moved).get(Cost.GUEST_COMPLETE)).as("alone").isEqualTo(COSTS.get(Cost.GUEST_COMPLETE));
    }

    @Test
    void theMechanismsSwitchOffWhatTheySay() {
        StackConfig point = StackConfig.defaults(8);
        assertThat(Mechanism.TICKET_LOCK.switchOff(point).settings()).containsEntry("virtio.lock", "mcs");
        assertThat(Stack.costs(Mechanism.PV_SPINLOCKS.switchOff(point)).get(Cost.PV_SPIN_THRESHOLD)).isZero();
        assertThat(Mechanism.HOST_OVERSUBSCRIPTION.switchOff(point).hostCpus()).isEqualTo(16);
        assertThat(Mechanism.labels()).doesNotHaveDuplicates();
    }

    @Test
    void onlyKeepsTheNamedCostsAndMechanismsAndRefusesOthers() {
        List<PaperSensitivity.Variant> v = PaperSensitivity.variants(COSTS, Set.of("kick_exit", "ticket-lock"));
        assertThat(v).extracting(PaperSensitivity.Variant::name)
                .containsExactly("base", "kick_exit -25%", "kick_exit +25%", "off: ticket-lock");
        assertThatThrownBy(() -> PaperSensitivity.variants(COSTS, Set.of("kick_exits")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--only=kick_exits is invalid; allowed: a cost key or a mechanism");
    }

    private static PaperSensitivity.Row row(PaperSensitivity.Kind kind, boolean holds) {
        PaperShape.Criterion c = new PaperShape.Criterion("drop", "d", "x",
                List.of(new PaperShape.Margin("drop - 20%", holds ? 0.01 : -0.01, PaperShape.Unit.PERCENT)));
        return new PaperSensitivity.Row(new PaperSensitivity.Variant(kind.name(), kind, "", UnaryOperator.identity()),
                new PaperExperiment.Result(List.of(), List.of(), List.of(c)), false);
    }

    @Test
    void theVerdictIsTheTableAsItIsAndEveryCostVariantButNotTheAblation() {
        PaperSensitivity.Kind base = PaperSensitivity.Kind.BASE;
        PaperSensitivity.Kind cost = PaperSensitivity.Kind.COST;
        PaperSensitivity.Kind off = PaperSensitivity.Kind.MECHANISM;
        assertThat(PaperSensitivity.holds(List.of(row(base, true), row(cost, true), row(off, false)))).isTrue();
        assertThat(PaperSensitivity.holds(List.of(row(base, true), row(cost, false), row(off, true)))).isFalse();
        assertThat(PaperSensitivity.holds(List.of(row(base, false), row(cost, true)))).isFalse();
    }
}
