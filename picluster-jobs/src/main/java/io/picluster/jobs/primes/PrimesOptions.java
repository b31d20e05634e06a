package io.picluster.jobs.primes;

import java.util.List;

/**
 * The primes job's arguments: {@code N [--list] [--scatter] [--method sieve|trial] [--segment
 * BYTES]}, checked as a whole so that every mistake is one line before any rank starts.
 *
 * @param n count the primes below this
 * @param list also gather every prime at rank 0 and print it
 * @param scatter rank 0 hands out the ranges with a scatter instead of each rank working out its own
 * @param method the algorithm
 * @param segmentBytes the sieve's segment size
 */
public record PrimesOptions(
    long n, boolean list, boolean scatter, Method method, int segmentBytes) {

  /** How the primes are found. */
  public enum Method {
    /** Segmented sieve of Eratosthenes on contiguous ranges ({@link PrimeSieve}). */
    SIEVE,
    /** The tutorial's trial division, candidates dealt round-robin ({@link TrialDivision}). */
    TRIAL
  }

  /**
   * The largest N for which primes are gathered at rank 0 (π(2^31) ≈ 1.05e8 primes, 0.8 GB of
   * longs): beyond that the list would not fit in a small machine's memory.
   */
  public static final long MAX_GATHERED_N = 1L << 31;

  public static final String USAGE =
      String.join(
          System.lineSeparator(),
          "primes N [--list] [--scatter] [--method sieve|trial] [--segment BYTES]",
          "  N                count the primes below N: 100000, 1e10 or 10^10 (at most 1e16)",
          "  --list           also gather every prime at rank 0 and print them, one per line,",
          "                   after the report (N at most 2^31)",
          "  --scatter        rank 0 cuts [0, N) into one range per rank and scatters them,",
          "                   instead of each rank working out its own range",
          "  --method sieve   segmented sieve of Eratosthenes, counts reduced at rank 0 (default)",
          "  --method trial   the tutorial's prime.py: odd candidates dealt round-robin, trial",
          "                   division up to candidate-1, lists gathered at rank 0 (slow: about",
          "                   N^2/ln N divisions; reports 1 and not 2, exactly like prime.py)",
          "  --segment BYTES  sieve segment size, 30 numbers per byte (default "
              + PrimeSieve.DEFAULT_SEGMENT_BYTES
              + ")");

  private static final String OPTIONS = "--list, --scatter, --method sieve|trial, --segment BYTES";

  /** Parses and checks the job's arguments; the message of the exception says what to fix. */
  public static PrimesOptions parse(List<String> args) {
    String nText = null;
    boolean list = false;
    boolean scatter = false;
    Method method = Method.SIEVE;
    Integer segment = null;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
      String inlineValue = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : null;
      if (arg.startsWith("--")) {
        switch (name) {
          case "--list":
          case "--scatter":
            if (inlineValue != null) {
              throw new IllegalArgumentException(name + " takes no value, got '" + arg + "'");
            }
            list |= name.equals("--list");
            scatter |= name.equals("--scatter");
            break;
          case "--method":
          case "--segment":
            String value = inlineValue;
            if (value == null) {
              if (i + 1 >= args.size()) {
                throw new IllegalArgumentException(name + " needs a value: " + valueHint(name));
              }
              value = args.get(++i);
            }
            if (name.equals("--method")) {
              method = method(value);
            } else {
              segment = segment(value);
            }
            break;
          default:
            throw new IllegalArgumentException(
                "unknown option '" + arg + "' for primes: use " + OPTIONS);
        }
      } else if (arg.startsWith("-") && !arg.matches("-[0-9].*")) {
        throw new IllegalArgumentException(
            "unknown option '" + arg + "' for primes: use " + OPTIONS);
      } else if (nText != null) {
        throw new IllegalArgumentException(
            "primes takes one N, got '" + nText + "' and '" + arg + "'");
      } else {
        nText = arg;
      }
    }
    if (nText == null) {
      throw new IllegalArgumentException(
          "primes needs N, the bound to count primes below: e.g. primes 100000 or primes 1e10");
    }
    long n = NumberArgument.parse(nText);
    if (method == Method.TRIAL && scatter) {
      throw new IllegalArgumentException(
          "--scatter cuts the sieve's range, but --method trial deals candidates round-robin:"
              + " use one or the other");
    }
    if (method == Method.TRIAL && segment != null) {
      throw new IllegalArgumentException("--segment sets the sieve's segment: drop it with --method trial");
    }
    if ((list || method == Method.TRIAL) && n > MAX_GATHERED_N) {
      String why = list ? "--list" : "--method trial";
      throw new IllegalArgumentException(
          why + " gathers every prime at rank 0, so N must be at most 2^31 (" + MAX_GATHERED_N
              + "), got '" + nText + "'" + (list ? ": drop --list to only count" : ""));
    }
    int segmentBytes = segment == null ? PrimeSieve.DEFAULT_SEGMENT_BYTES : segment;
    return new PrimesOptions(n, list, scatter, method, segmentBytes);
  }

  private static String valueHint(String option) {
    return option.equals("--method") ? "sieve or trial" : "a number of bytes, e.g. 262144";
  }

  private static Method method(String value) {
    switch (value) {
      case "sieve":
        return Method.SIEVE;
      case "trial":
        return Method.TRIAL;
      default:
        throw new IllegalArgumentException("--method must be sieve or trial, got '" + value + "'");
    }
  }

  private static int segment(String value) {
    String problem =
        "--segment must be a whole number of bytes from " + PrimeSieve.MIN_SEGMENT_BYTES + " to "
            + PrimeSieve.MAX_SEGMENT_BYTES + ", e.g. 262144, got '" + value + "'";
    if (!value.matches("[0-9]{1,9}")) {
      throw new IllegalArgumentException(problem);
    }
    int bytes = Integer.parseInt(value);
    if (bytes < PrimeSieve.MIN_SEGMENT_BYTES || bytes > PrimeSieve.MAX_SEGMENT_BYTES) {
      throw new IllegalArgumentException(problem);
    }
    return bytes;
  }
}
