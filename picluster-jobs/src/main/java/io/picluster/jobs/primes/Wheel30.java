package io.picluster.jobs.primes;

/**
 * The mod-30 wheel behind the sieve's bit layout: byte {@code b} of a sieve holds the eight numbers
 * {@code 30b + r} for the residues {@code r} coprime to 30, one bit each (bit {@code k} for {@link
 * #RESIDUES}{@code [k]}). Multiples of 2, 3 and 5 are never stored, so 30 numbers fit in 8 bits.
 *
 * <p>It also holds the crossing-off steps. A prime {@code p = 30a + r} strikes the multiples {@code
 * p*q} with {@code q} on the wheel; going from {@code q} to the next wheel number moves the byte
 * index by {@code a * gap + correction}, both looked up per (residue of p, wheel position of q), and
 * the bit cleared depends only on that pair too. These 64 "step" entries are indexed {@code
 * 8 * residueIndex(p) + wheelIndex(q)}; the next multiple's entry is the same with the wheel index
 * one further (7 wraps to 0).
 */
final class Wheel30 {
  /** The residues mod 30 that are coprime to 30, in bit order. */
  static final int[] RESIDUES = {1, 7, 11, 13, 17, 19, 23, 29};

  /** Bit index of each residue mod 30, or -1 where the residue shares a factor with 30. */
  static final int[] BIT_INDEX = new int[30];

  /** How far {@code x mod 30} is from the next residue coprime to 30 ({@code 0} if it is one). */
  static final int[] DISTANCE_TO_COPRIME = new int[30];

  /** Per step entry: the multiplier's gap to its next wheel number (times a = p / 30). */
  static final int[] STEP_GAP = new int[64];

  /** Per step entry: the part of the byte step that depends on p mod 30. */
  static final int[] STEP_CORRECTION = new int[64];

  /** Per step entry: the byte with the struck bit cleared and every other bit set. */
  static final int[] STEP_KEEP_MASK = new int[64];

  static {
    java.util.Arrays.fill(BIT_INDEX, -1);
    for (int k = 0; k < 8; k++) {
      BIT_INDEX[RESIDUES[k]] = k;
    }
    for (int x = 0; x < 30; x++) {
      int d = 0;
      while (BIT_INDEX[(x + d) % 30] < 0) {
        d++;
      }
      DISTANCE_TO_COPRIME[x] = d;
    }
    for (int pi = 0; pi < 8; pi++) {
      int r = RESIDUES[pi];
      for (int k = 0; k < 8; k++) {
        int e = pi * 8 + k;
        int w = RESIDUES[k];
        // After 29 the wheel continues at 31 = 30 + 1: the next turn of the wheel.
        int nextW = k == 7 ? 31 : RESIDUES[k + 1];
        STEP_GAP[e] = nextW - w;
        STEP_CORRECTION[e] = (r * nextW) / 30 - (r * w) / 30;
        STEP_KEEP_MASK[e] = ~(1 << BIT_INDEX[(r * w) % 30]) & 0xFF;
      }
    }
  }

  private Wheel30() {}
}
