package io.picluster.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Reads JSON in tests, strictly (RFC 8259 and nothing more: no trailing text, no duplicate keys,
 * no NaN, no comments), to prove that what picluster writes is JSON. Objects become
 * {@code LinkedHashMap}s in key order, arrays {@code List}s, whole numbers {@code Integer} (or
 * {@code Long}), others {@code Double}.
 */
public final class Json {
  private static final ObjectMapper STRICT = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();

  private Json() {}

  /** The value TEXT holds; IllegalArgumentException, saying where, if it is not JSON. */
  public static Object parse(String text) {
    try {
      return STRICT.readValue(text, Object.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage() + " at "
          + e.getLocation(), e);
    }
  }
}
