package io.picluster.comm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class OpTest {
  @Test
  void predefinedOperationsWorkOnBoxedNumbersAndArrays() {
    assertThat(Op.SUM.applyObjects(2L, 3L)).isEqualTo(5L);
    assertThat(Op.PROD.applyObjects(2.0, 4.0)).isEqualTo(8.0);
    assertThat(Op.MIN.applyObjects(7, -1)).isEqualTo(-1);
    assertThat(Op.MAX.applyObjects("apple", "pear")).isEqualTo("pear");
    assertThat(Op.SUM.applyObjects(BigInteger.TEN, BigInteger.ONE)).isEqualTo(BigInteger.valueOf(11));
    assertThat((long[]) Op.SUM.applyObjects(new long[] {1, 2}, new long[] {10, 20})).containsExactly(11, 22);
    long[] left = {5, 1};
    Op.MAX.applyArrays(left, new long[] {3, 4}, 2);
    assertThat(left).containsExactly(5, 4);
  }

  @Test
  void intsWrapAsIntArithmeticDoesAndDoublesKeepTheirOwnRules() {
    int[] sums = {Integer.MAX_VALUE, -7};
    Op.SUM.applyArrays(sums, new int[] {1, 2}, 2);
    assertThat(sums).containsExactly(Integer.MIN_VALUE, -5);
    int[] products = {65536, -3};
    Op.PROD.applyArrays(products, new int[] {65536, 5}, 2);
    assertThat(products).containsExactly(0, -15);
    assertThat(Op.MIN.applyObjects(Integer.MIN_VALUE, Integer.MAX_VALUE)).isEqualTo(Integer.MIN_VALUE);
    assertThat(Op.MAX.applyObjects(-1, -2)).isEqualTo(-1);
    assertThat(Op.PROD.applyObjects(-3, 5)).isEqualTo(-15);
    assertThat(Op.MIN.applyObjects(-0.0, 0.0)).isEqualTo(-0.0);
    assertThat((Double) Op.MAX.applyObjects(Double.NaN, 1.0)).isNaN();
    assertThat(Op.SUM.applyObjects(Long.MAX_VALUE, 1L)).isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void mixedTypesAreRefusedWithTheReason() {
    assertThatThrownBy(() -> Op.SUM.applyObjects(1, 1L))
        .hasMessageContaining("Integer and a Long")
        .hasMessageContaining("same type");
    assertThatThrownBy(() -> Op.SUM.applyObjects(new int[1], new int[2])).hasMessageContaining("lengths 1 and 2");
  }

  @Test
  void anObjectFunctionIsNotUsedOnArrays() {
    Op join = Op.<String>of((a, b) -> a + b);
    assertThat(join.applyObjects("a", "b")).isEqualTo("ab");
    assertThatThrownBy(() -> join.applyArrays(new long[1], new long[1], 1)).hasMessageContaining("Op.ofLongs");
  }
}
