package org.mqvio.harness.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class JsonTest {
    @Property
    void whatIsWrittenReadsBack(@ForAll String text, @ForAll long integer, @ForAll boolean flag,
                                @ForAll List<String> strings) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(text, integer);
        m.put("flag", flag);
        m.put("list", new ArrayList<Object>(strings));
        m.put("nothing", null);
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("empty", Map.of());
        nested.put("none", List.of());
        m.put("nested", nested);
        assertThat(JsonParser.parse(Json.write(m))).isEqualTo(m);
        assertThat(JsonParser.parse(Json.writeLine(m))).isEqualTo(m);
    }

    @Example
    void fioLayout() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("iops", 1.5);
        m.put("N", 3);
        m.put("nan", Double.NaN);
        assertThat(Json.write(m)).isEqualTo("{\n  \"iops\" : 1.500000,\n  \"N\" : 3,\n  \"nan\" : 0\n}\n");
    }

    @Example
    void syntaxErrorsNameTheOffset() {
        assertThatThrownBy(() -> JsonParser.parse("{\"a\" 1}")).hasMessage("JSON syntax error at offset 5: expected ':'");
        assertThatThrownBy(() -> JsonParser.parse("[1,]")).hasMessage("JSON syntax error at offset 3: expected a value");
        assertThatThrownBy(() -> JsonParser.parse("1 2")).hasMessage("JSON syntax error at offset 2: expected end of input");
    }
}
