package io.picluster.comm.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ObjectCodecTest {
  private static Object roundTrip(Object value) {
    return ObjectCodec.decode(ObjectCodec.encode(value));
  }

  @Test
  void fastPathTypesComeBackEqual() {
    assertThat(roundTrip(null)).isNull();
    assertThat(roundTrip(42)).isEqualTo(42);
    assertThat(roundTrip(Long.MIN_VALUE)).isEqualTo(Long.MIN_VALUE);
    assertThat(roundTrip(-0.0)).isEqualTo(-0.0);
    assertThat(roundTrip(true)).isEqualTo(true);
    assertThat(roundTrip("π ≈ 3.14")).isEqualTo("π ≈ 3.14");
    assertThat((byte[]) roundTrip(new byte[] {1, -1})).containsExactly(1, -1);
    assertThat((int[]) roundTrip(new int[] {Integer.MIN_VALUE, 0})).containsExactly(Integer.MIN_VALUE, 0);
    assertThat((long[]) roundTrip(new long[0])).isEmpty();
    assertThat((double[]) roundTrip(new double[] {Double.NaN})).containsExactly(Double.NaN);
  }

  @Test
  void anySerializableValueComesBackEqual() {
    List<Object> list = new ArrayList<>(List.of(1, "two", Map.of("k", new BigInteger("12345678901234567890"))));
    assertThat(roundTrip(list)).isEqualTo(list);
  }

  @Test
  void aValueThatCannotBeSerializedIsNamed() {
    assertThatThrownBy(() -> ObjectCodec.encode(new Object()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("java.lang.Object")
        .hasMessageContaining("Serializable");
  }
}
