/**
 * The {@code mqvio} command ({@code run}, {@code sweep}, {@code sweep-merge}, {@code paper}, {@code bench},
 * {@code list}) and its charts. The only module with picocli, the chart library (and with it {@code java.desktop}). Exports nothing.
 */
module org.mqvio.harness.cli {
    requires org.mqvio.harness.fio;
    requires info.picocli;
    requires com.google.common;
    requires org.knowm.xchart;
    requires java.desktop;
    requires java.management;

    opens org.mqvio.harness.cli to info.picocli;
}
