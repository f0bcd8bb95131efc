/**
 * The conformance kit: jqwik properties and contract interfaces that check any provider, on either runtime,
 * against mqvio's invariants (docs/architecture.md#invariants). A design module takes it in test scope, with
 * jqwik's engine; it brings no command line, chart or AWT dependency.
 */
module org.mqvio.harness.conformance {
    requires transitive org.mqvio.harness.stack;
    requires transitive net.jqwik.api;

    exports org.mqvio.harness.conformance;
}
