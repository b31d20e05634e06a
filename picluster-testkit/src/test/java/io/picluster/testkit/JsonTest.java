package io.picluster.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The reader the tests prove JSON with is strict, or they would prove nothing. */
class JsonTest {
  @Test
  void readsEveryKindOfValue() {
    assertThat(Json.parse("{\"a\":[1,-2.5e3,true,null,\"\\u00e9\\n\"],\"b\":{}}"))
        .isEqualTo(Map.of("a", Arrays.asList(1, -2500.0, true, null, "é\n"), "b", Map.of()));
    assertThat(Json.parse("null")).isNull();
    assertThat(Json.parse(" [ ] ")).isEqualTo(List.of());
  }

  @Test
  void rejectsWhatIsNotJson() {
    for (String bad : List.of("{\"a\":1,}", "[1,]", "{\"a\":01}", "\"a\nb\"", "[1] x", "{a:1}",
        "[NaN]", "{\"a\" 1}", "{\"a\":1,\"a\":2}", "['a']", "[1] // c", "")) {
      assertThatThrownBy(() -> Json.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("not JSON: ");
    }
  }
}
