package org.mqvio.harness.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Assume;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class JsonTest {
    @Property
    void whatIsWrittenReadsBack(@ForAll String text, @ForAll long integer, @ForAll boolean flag,
                                @ForAll List<String> strings) {
        Assume.that(!List.of("flag", "list", "nothing", "nested").contains(text));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("flag", flag);
        m.put("list", new ArrayList<Object>(strings));
        m.put("nothing", null);
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("empty", Map.of());
        nested.put("none", List.of());
        m.put("nested", nested);
        m.put(text, integer);
        for (JsonNode back : List.of(Json.parse(Json.write(m)), Json.parse(Json.writeLine(m)))) {
            List<String> keys = new ArrayList<>();
            back.fieldNames().forEachRemaining(keys::add);
            assertThat(keys).containsExactlyElementsOf(m.keySet());
            assertThat(back.get(text).isIntegralNumber()).isTrue();
            assertThat(back.get(text).longValue()).isEqualTo(integer);
            assertThat(back.get("flag").booleanValue()).isEqualTo(flag);
            assertThat(back.get("list")).extracting(JsonNode::textValue).containsExactlyElementsOf(strings);
            assertThat(back.get("nothing").isNull()).isTrue();
            assertThat(back.get("nested").get("empty").isEmpty()).isTrue();
            assertThat(back.get("nested").get("none").isArray()).isTrue();
        }
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
    void fioLayoutOfNestingEscapesAndDecimals() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("x", -0.0);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "a\"b\\c\n\t\r\b\f\u0001\u00e9/");
        m.put("empty", Map.of());
        m.put("none", List.of());
        m.put("list", List.of(1, inner, List.of(2.5e-7)));
        m.put("f", 0.1f);
        m.put("big", 1e20);
        assertThat(Json.write(m)).isEqualTo("""
                {
                  "s" : "a\\"b\\\\c\\n\\t\\r\\u0008\\u000c\\u0001\u00e9/",
                  "empty" : {},
                  "none" : [],
                  "list" : [
                    1,
                    {
                      "x" : -0.000000
                    },
                    [
                      0.000000
                    ]
                  ],
                  "f" : 0.100000,
                  "big" : 100000000000000000000.000000
                }
                """);
        assertThat(Json.writeLine(m)).isEqualTo("{\"s\":\"a\\\"b\\\\c\\n\\t\\r\\u0008\\u000c\\u0001\u00e9/\","
                + "\"empty\":{},\"none\":[],\"list\":[1,{\"x\":-0.000000},[0.000000]],\"f\":0.100000,"
                + "\"big\":100000000000000000000.000000}");
    }

    @Example
    void syntaxErrorsNameTheLineAndColumn() {
        assertThatThrownBy(() -> Json.parse("{\"a\" 1}")).hasMessageStartingWith("JSON syntax error at line 1, column 6:");
        assertThatThrownBy(() -> Json.parse("[1,]")).hasMessageStartingWith("JSON syntax error at line 1, column 4:");
        assertThatThrownBy(() -> Json.parse("1 2")).hasMessageStartingWith("JSON syntax error at line 1, column 3:");
        assertThatThrownBy(() -> Json.parse("{\"a\":1,\"a\":2}")).hasMessageContaining("Duplicate field 'a'");
        assertThatThrownBy(() -> Json.parse(" ")).hasMessage("JSON syntax error: no value");
    }
}
