package org.mqvio.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What a layer may change on a request it was handed: its payload, its timestamps and its one completion.
 * Nothing else: a request carries no untyped slot for a layer's own state; a layer keeps that in a typed record
 * of its own beside the request, as blk-mq's {@code LayerRequest} does.
 */
class BlockRequestSurfaceTest {
    private static Stream<Method> publicInstanceMethods() {
        return Arrays.stream(BlockRequest.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers()));
    }

    @Test
    void theOnlyMutatorsAreThePayloadTheTimestampsAndTheCompletion() {
        assertThat(publicInstanceMethods().filter(m -> m.getReturnType() == void.class).map(Method::getName))
                .containsExactlyInAnyOrder("setData", "markSubmitted", "markDispatched", "complete");
    }

    @Test
    void noAccessorIsUntyped() {
        assertThat(publicInstanceMethods().filter(m -> m.getReturnType() == Object.class).map(Method::getName))
                .isEmpty();
    }
}
