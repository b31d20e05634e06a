package io.picluster.comm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The generic array collectives and ArrayOp reductions, on ranks in one JVM. */
class ArrayCollectivesTest {
  /** 2x2 int matrices, row-major, multiplied: associative and not commutative. */
  private static final ArrayOp MATMUL = (in, io, inout, ioo, count) -> {
    int[] a = (int[]) in;
    int[] b = (int[]) inout;
    for (int m = 0; m < count; m += 4) {
      int p = io + m;
      int q = ioo + m;
      int b0 = b[q];
      int b1 = b[q + 1];
      int b2 = b[q + 2];
      int b3 = b[q + 3];
      b[q] = a[p] * b0 + a[p + 1] * b2;
      b[q + 1] = a[p] * b1 + a[p + 1] * b3;
      b[q + 2] = a[p + 2] * b0 + a[p + 3] * b2;
      b[q + 3] = a[p + 2] * b1 + a[p + 3] * b3;
    }
  };

  private static final ArrayOp FLOAT_SUM = (in, io, inout, ioo, count) -> {
    for (int i = 0; i < count; i++) {
      ((float[]) inout)[ioo + i] += ((float[]) in)[io + i];
    }
  };

  /** Rank r's matrix: a different non-symmetric one per rank. */
  private static int[] matrix(int r) {
    return new int[] {1, r + 1, r % 3, 1};
  }

  private static int[] product(int from, int to) {
    int[] acc = {1, 0, 0, 1};
    for (int r = from; r <= to; r++) {
      int[] next = matrix(r);
      MATMUL.apply(acc, 0, next, 0, 4);
      acc = next;
    }
    return acc;
  }

  @ParameterizedTest(name = "{0} ranks")
  @ValueSource(ints = {1, 2, 3, 4, 5})
  void dataCollectivesWorkOnEveryPrimitiveType(int ranks) {
    InProcessRanks.run(ranks, c -> {
      int r = c.rank();
      int n = c.size();
      char[] text = new char[4];
      if (r == n - 1) {
        text = new char[] {'-', 'a', 'b', '-'};
      }
      c.bcastArray(text, 1, 2, n - 1);
      assertThat(text).containsExactly(r == n - 1 ? '-' : 0, 'a', 'b', r == n - 1 ? '-' : 0);

      float[] whole = new float[2 * n];
      for (int i = 0; i < whole.length; i++) {
        whole[i] = i / 2f;
      }
      float[] part = new float[2];
      c.scatterArray(r == 0 ? whole : null, 0, part, 0, 2, 0);
      assertThat(part).containsExactly(r, r + 0.5f);

      short[] gathered = new short[n + 1];
      c.gatherArray(new short[] {(short) (r * 3)}, 0, r == 0 ? gathered : null, 1, 1, 0);
      if (r == 0) {
        for (int i = 0; i < n; i++) {
          assertThat(gathered[1 + i]).isEqualTo((short) (i * 3));
        }
      }

      boolean[] flags = new boolean[n];
      c.allgatherArray(new boolean[] {r % 2 == 1}, 0, flags, 0, 1);
      for (int i = 0; i < n; i++) {
        assertThat(flags[i]).isEqualTo(i % 2 == 1);
      }

      char[] out = new char[n];
      for (int j = 0; j < n; j++) {
        out[j] = (char) ('A' + r * n + j);
      }
      char[] in = new char[n];
      c.alltoallArray(out, 0, in, 0, 1);
      for (int i = 0; i < n; i++) {
        assertThat(in[i]).isEqualTo((char) ('A' + i * n + r));
      }

      // v-forms: rank i has i elements (rank 0 none), placed with a gap of one
      int[] counts = new int[n];
      int[] displs = new int[n];
      int total = 0;
      for (int i = 0; i < n; i++) {
        counts[i] = i;
        displs[i] = total + i;
        total += i;
      }
      int span = total + n;
      double[] mine = new double[r];
      for (int k = 0; k < r; k++) {
        mine[k] = r + k / 10.0;
      }
      double[] all = new double[span];
      c.allgathervArray(mine, 0, r, all, 0, counts, displs);
      double[] atRoot = new double[span];
      c.gathervArray(mine, 0, r, atRoot, 0, counts, displs, n / 2);
      for (int i = 0; i < n; i++) {
        for (int k = 0; k < i; k++) {
          assertThat(all[displs[i] + k]).isEqualTo(i + k / 10.0);
          if (r == n / 2) {
            assertThat(atRoot[displs[i] + k]).isEqualTo(i + k / 10.0);
          }
        }
      }
      double[] back = new double[r];
      c.scattervArray(r == 0 ? all : null, 0, counts, displs, back, 0, r, 0);
      assertThat(back).containsExactly(mine);

      // alltoallv: rank r sends j+1 longs to rank j; rank j gets r+... i.e. counts[i] = j+1 from each i
      int[] scounts = new int[n];
      int[] sdispls = new int[n];
      int[] rcounts = new int[n];
      int[] rdispls = new int[n];
      int sTotal = 0;
      for (int j = 0; j < n; j++) {
        scounts[j] = j + 1;
        sdispls[j] = sTotal;
        sTotal += j + 1;
        rcounts[j] = r + 1;
        rdispls[j] = j * (r + 1);
      }
      long[] send = new long[sTotal];
      for (int j = 0; j < n; j++) {
        for (int k = 0; k <= j; k++) {
          send[sdispls[j] + k] = r * 1000L + j * 10L + k;
        }
      }
      long[] recv = new long[n * (r + 1) + 1];
      c.alltoallvArray(send, 0, scounts, sdispls, recv, 1, rcounts, rdispls);
      for (int i = 0; i < n; i++) {
        for (int k = 0; k <= r; k++) {
          assertThat(recv[1 + rdispls[i] + k]).isEqualTo(i * 1000L + r * 10L + k);
        }
      }
    });
  }

  @ParameterizedTest(name = "{0} ranks")
  @ValueSource(ints = {1, 2, 3, 4, 5, 7})
  void reductionsKeepRankOrderForOperationsThatAreNotCommutative(int ranks) {
    InProcessRanks.run(ranks, c -> {
      int r = c.rank();
      int n = c.size();
      int[] expected = product(0, n - 1);
      for (int root = 0; root < n; root++) {
        int[] result = new int[5];
        c.reduceArray(matrix(r), 0, result, 1, 4, MATMUL, false, root);
        if (r == root) {
          assertThat(java.util.Arrays.copyOfRange(result, 1, 5)).as("reduce to " + root).containsExactly(expected);
        }
      }
      int[] everywhere = new int[4];
      c.allreduceArray(matrix(r), 0, everywhere, 0, 4, MATMUL, false);
      assertThat(everywhere).containsExactly(expected);

      int[] prefix = new int[4];
      c.scanArray(matrix(r), 0, prefix, 0, 4, MATMUL, false);
      assertThat(prefix).as("scan").containsExactly(product(0, r));
      int[] before = {-7, -7, -7, -7};
      c.exscanArray(matrix(r), 0, before, 0, 4, MATMUL, false);
      assertThat(before).as("exscan").containsExactly(r == 0 ? new int[] {-7, -7, -7, -7} : product(0, r - 1));

      // reduceScatter: rank i gets i+1 matrices of the element-wise product
      int[] counts = new int[n];
      int total = 0;
      for (int i = 0; i < n; i++) {
        counts[i] = 4 * (i + 1);
        total += counts[i];
      }
      int[] send = new int[total];
      for (int m = 0; m < total; m += 4) {
        System.arraycopy(matrix(r + m / 4), 0, send, m, 4);
      }
      int[] mine = new int[counts[r]];
      c.reduceScatterArray(send, 0, mine, 0, counts, MATMUL, false);
      int first = 0;
      for (int i = 0; i < r; i++) {
        first += i + 1;
      }
      for (int m = 0; m <= r; m++) {
        int shift = first + m;
        int[] want = {1, 0, 0, 1};
        for (int q = 0; q < n; q++) {
          int[] next = matrix(q + shift);
          MATMUL.apply(want, 0, next, 0, 4);
          want = next;
        }
        assertThat(java.util.Arrays.copyOfRange(mine, 4 * m, 4 * m + 4)).as("block " + m).containsExactly(want);
      }

      float[] sum = new float[2];
      c.reduceArray(new float[] {r, 1}, 0, sum, 0, 2, FLOAT_SUM, true, n - 1);
      if (r == n - 1) {
        assertThat(sum).containsExactly(n * (n - 1) / 2f, n);
      }
      c.allreduceArray(new float[] {1, r}, 0, sum, 0, 2, FLOAT_SUM, true);
      assertThat(sum).containsExactly(n, n * (n - 1) / 2f);
    });
  }

  @ParameterizedTest(name = "{0} ranks")
  @ValueSource(ints = {1, 3, 4})
  void objectScansFollowRankOrder(int ranks) {
    InProcessRanks.run(ranks, c -> {
      Op join = Op.<String>of((a, b) -> a + b);
      String upTo = "";
      for (int i = 0; i <= c.rank(); i++) {
        upTo += i;
      }
      assertThat(c.<String>scan(String.valueOf(c.rank()), join)).isEqualTo(upTo);
      assertThat(c.<String>exscan(String.valueOf(c.rank()), join))
          .isEqualTo(c.rank() == 0 ? null : upTo.substring(0, upTo.length() - 1));
      assertThat(c.scan((long) c.rank(), Op.SUM)).isEqualTo((long) c.rank() * (c.rank() + 1) / 2);
    });
  }

  @ParameterizedTest(name = "{0} ranks")
  @ValueSource(ints = {1, 3})
  void countsOfZeroWorkEverywhere(int ranks) {
    InProcessRanks.run(ranks, c -> {
      int n = c.size();
      float[] none = new float[0];
      int[] zeros = new int[n];
      c.bcastArray(none, 0, 0, 0);
      c.scatterArray(none, 0, none, 0, 0, 0);
      c.gatherArray(none, 0, none, 0, 0, 0);
      c.allgatherArray(none, 0, none, 0, 0);
      c.alltoallArray(none, 0, none, 0, 0);
      c.gathervArray(none, 0, 0, none, 0, zeros, zeros, 0);
      c.scattervArray(none, 0, zeros, zeros, none, 0, 0, 0);
      c.allgathervArray(none, 0, 0, none, 0, zeros, zeros);
      c.alltoallvArray(none, 0, zeros, zeros, none, 0, zeros, zeros);
      c.reduceArray(none, 0, none, 0, 0, FLOAT_SUM, true, 0);
      c.allreduceArray(none, 0, none, 0, 0, FLOAT_SUM, false);
      c.scanArray(none, 0, none, 0, 0, FLOAT_SUM, false);
      c.exscanArray(none, 0, none, 0, 0, FLOAT_SUM, false);
      c.reduceScatterArray(none, 0, none, 0, zeros, FLOAT_SUM, true);
    });
  }

  @ParameterizedTest(name = "{0} ranks")
  @ValueSource(ints = {1, 2})
  void mistakesAreNamedClearly(int ranks) {
    InProcessRanks.run(ranks, c -> {
      assertThatThrownBy(() -> c.allreduceArray(new int[2], 0, new long[2], 0, 2, MATMUL, false))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must both be int[]");
      assertThatThrownBy(() -> c.allreduceArray(new int[2], 0, new int[2], 0, 3, MATMUL, false))
          .isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("do not fit");
      assertThatThrownBy(() -> c.allreduceArray(new int[2], 0, new int[2], 0, 2, null, false))
          .hasMessageContaining("operation is null");
      assertThatThrownBy(() -> c.allgathervArray(new int[1], 0, 1, new int[4], 0, new int[0], new int[0]))
          .hasMessageContaining("allgatherv needs counts and displs with one entry per rank");
      if (c.size() == 2) {
        // rank 1 gives 3 elements where rank 0 gives 2
        int count = 2 + c.rank();
        assertThatThrownBy(() -> c.allreduceArray(new float[3], 0, new float[3], 0, count, FLOAT_SUM, true))
            .isInstanceOf(CommException.class);
      }
    });
  }
}
