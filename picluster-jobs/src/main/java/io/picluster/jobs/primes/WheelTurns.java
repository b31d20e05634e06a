package io.picluster.jobs.primes;

/**
 * The sieve's hot loop: strikes whole turns of the wheel for one prime {@code p = 30a + r}. A turn
 * covers the multiples {@code p*q} for the eight wheel numbers {@code q = 30b + 1, 30b + 7, …,
 * 30b + 29}; it spans exactly {@code p} bytes, and inside it the byte offsets are {@code a *
 * (w - 1) + ⌊r·w / 30⌋} and the bits are those of {@code r·w mod 30} (see {@link Wheel30}).
 *
 * <p>This loop does most of the sieve's work, and what makes it fast is how few registers it
 * needs: a table-driven loop, or one with eight precomputed offsets, runs out of x86-64 registers
 * and spills to the stack. So there is one loop per residue r, which makes every {@code ⌊r·w / 30⌋}
 * a constant, the {@code a * (w - 1)} part is walked with three registers ({@code 2a, 4a, 6a}: the
 * gaps of the wheel), and the masks are written as positive ints ({@code 0xFE}, not {@code (byte)
 * ~1}) so that the JIT ANDs with an immediate instead of holding eight masks in registers. Each
 * loop sits in its own small method so that the JIT compiles them quickly and separately.
 */
final class WheelTurns {
  private WheelTurns() {}

  /**
   * Strikes the turns that start at byte {@code i} (where a turn begins, multiplier ≡ 1 mod 30) or
   * later, below {@code end}. A turn's last strike lies {@code p - 2a - 1} bytes after its start, so
   * the array must reach that far past {@code end}.
   *
   * @param residueIndex index of {@code p mod 30} in {@link Wheel30#RESIDUES}
   * @return the byte where the first turn not struck begins
   */
  static int strike(byte[] s, int i, int end, int p, int residueIndex) {
    switch (residueIndex) {
      case 0:
        return strike1(s, i, end, p);
      case 1:
        return strike7(s, i, end, p);
      case 2:
        return strike11(s, i, end, p);
      case 3:
        return strike13(s, i, end, p);
      case 4:
        return strike17(s, i, end, p);
      case 5:
        return strike19(s, i, end, p);
      case 6:
        return strike23(s, i, end, p);
      case 7:
        return strike29(s, i, end, p);
      default:
        throw new IllegalArgumentException("residue index " + residueIndex);
    }
  }

  /** Turns of a prime {@code p = 30a + 1}. */
  private static int strike1(byte[] s, int i, int end, int p) {
    int a = p / 30;
    int a2 = 2 * a;
    int a4 = 4 * a;
    int a6 = 6 * a;
    for (; i < end; i += p) {
      int x = i;
      s[x] &= 0xFE;
      x += a6;
      s[x] &= 0xFD;
      x += a4;
      s[x] &= 0xFB;
      x += a2;
      s[x] &= 0xF7;
      x += a4;
      s[x] &= 0xEF;
      x += a2;
      s[x] &= 0xDF;
      x += a4;
      s[x] &= 0xBF;
      x += a6;
      s[x] &= 0x7F;
    }
    return i;
  }

  /** Turns of a prime {@code p = 30a + 7}. */
  private static int strike7(byte[] s, int i, int end, int p) {
    int a = p / 30;
    int a2 = 2 * a;
    int a4 = 4 * a;
    int a6 = 6 * a;
    for (; i < end; i += p) {
      int x = i;
      s[x] &= 0xFD;
      x += a6;
      s[x + 1] &= 0xDF;
      x += a4;
      s[x + 2] &= 0xEF;
      x += a2;
      s[x + 3] &= 0xFE;
      x += a4;
      s[x + 3] &= 0x7F;
      x += a2;
      s[x + 4] &= 0xF7;
      x += a4;
      s[x + 5] &= 0xFB;
      x += a6;
      s[x + 6] &= 0xBF;
    }
    return i;
  }

  /** Turns of a prime {@code p = 30a + 11}. */
  private static int strike11(byte[] s, int i, int end, int p) {
    int a = p / 30;
    int a2 = 2 * a;
    int a4 = 4 * a;
    int a6 = 6 * a;
    for (; i < end; i += p) {
      int x = i;
      s[x] &= 0xFB;
      x += a6;
      s[x + 2] &= 0xEF;
      x += a4;
      s[x + 4] &= 0xFE;
      x += a2;
      s[x + 4] &= 0xBF;
      x += a4;
      s[x + 6] &= 0xFD;
      x += a2;
      s[x + 6] &= 0x7F;
      x += a4;
      s[x + 8] &= 0xF7;
      x += a6;
      s[x + 10] &= 0xDF;
    }
    return i;
  }

  /** Turns of a prime {@code p = 30a + 13}. */
  private static int strike13(byte[] s, int i, int end, int p) {
    int a = p / 30;
    int a2 = 2 * a;
    int a4 = 4 * a;
    int a6 = 6 * a;
    for (; i < end; i += p) {
      int x = i;
      s[x] &= 0xF7;
      x += a6;
      s[x + 3] &= 0xFE;
      x += a4;
      s[x + 4] &= 0xBF;
      x += a2;
      s[x + 5] &= 0xDF;
      x += a4;
      s[x + 7] &= 0xFB;
      x += a2;
      s[x + 8] &= 0xFD;
      x += a4;
      s[x + 9] &= 0x7F;
      x += a6;
      s[x + 12] &= 0xEF;
    }
    return i;
  }

  /** Turns of a prime {@code p = 30a + 17}. */
  private static int strike17(byte[] s, int i, int end, int p) {
    int a = p / 30;
    int a2 = 2 * a;
    int a4 = 4 * a;
    int a6 = 6 * a;
    for (; i < end; i += p) {
      int x = i;
      s[x] &= 0xEF;
      x += a6;
      s[x + 3] &= 0x7F;
      x += a4;
      s[x + 6] &= 0xFD;
      x += a2;
      s[x + 7] &= 0xFB;
      x += a4;
      s[x + 9] &= 0xDF;
      x += a2;
      s[x + 10] &= 0xBF;
      x += a4;
      s[x + 13] &= 0xFE;
      x += a6;
      s[x + 16] &= 0xF7;
    }
    return i;
  }

  /** Turns of a prime {@code p = 30a + 19}. */
  private static int strike19(byte[] s, int i, int end, int p) {
    int a = p / 30;
    int a2 = 2 * a;
    int a4 = 4 * a;
    int a6 = 6 * a;
    for (; i < end; i += p) {
      int x = i;
      s[x] &= 0xDF;
      x += a6;
      s[x + 4] &= 0xF7;
      x += a4;
      s[x + 6] &= 0x7F;
      x += a2;
      s[x + 8] &= 0xFD;
      x += a4;
      s[x + 10] &= 0xBF;
      x += a2;
      s[x + 12] &= 0xFE;
      x += a4;
      s[x + 14] &= 0xEF;
      x += a6;
      s[x + 18] &= 0xFB;
    }
    return i;
  }

  /** Turns of a prime {@code p = 30a + 23}. */
  private static int strike23(byte[] s, int i, int end, int p) {
    int a = p / 30;
    int a2 = 2 * a;
    int a4 = 4 * a;
    int a6 = 6 * a;
    for (; i < end; i += p) {
      int x = i;
      s[x] &= 0xBF;
      x += a6;
      s[x + 5] &= 0xFB;
      x += a4;
      s[x + 8] &= 0xF7;
      x += a2;
      s[x + 9] &= 0x7F;
      x += a4;
      s[x + 13] &= 0xFE;
      x += a2;
      s[x + 14] &= 0xEF;
      x += a4;
      s[x + 17] &= 0xDF;
      x += a6;
      s[x + 22] &= 0xFD;
    }
    return i;
  }

  /** Turns of a prime {@code p = 30a + 29}. */
  private static int strike29(byte[] s, int i, int end, int p) {
    int a = p / 30;
    int a2 = 2 * a;
    int a4 = 4 * a;
    int a6 = 6 * a;
    for (; i < end; i += p) {
      int x = i;
      s[x] &= 0x7F;
      x += a6;
      s[x + 6] &= 0xBF;
      x += a4;
      s[x + 10] &= 0xDF;
      x += a2;
      s[x + 12] &= 0xEF;
      x += a4;
      s[x + 16] &= 0xF7;
      x += a2;
      s[x + 18] &= 0xFB;
      x += a4;
      s[x + 22] &= 0xFD;
      x += a6;
      s[x + 28] &= 0xFE;
    }
    return i;
  }
}
