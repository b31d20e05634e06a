package io.picluster.setup.status;

import java.util.ArrayList;
import java.util.List;

/**
 * The Raspberry Pi firmware's throttle bits, as {@code vcgencmd get_throttled} prints them
 * ({@code throttled=0x50005}) and as {@code /sys/devices/platform/soc/soc:firmware/get_throttled}
 * holds them (hex). Bits 0-3 are conditions now; bits 16-19 say the same condition has occurred
 * since boot:
 *
 * <pre>
 * bit 0 / 16  under-voltage
 * bit 1 / 17  ARM frequency capped
 * bit 2 / 18  throttled
 * bit 3 / 19  soft temperature limit
 * </pre>
 */
public final class Throttling {
  private static final String[] CONDITIONS = {
    "under-voltage", "frequency capped", "throttled", "soft temperature limit"
  };

  /** The bits this class knows: 0-3 and 16-19. */
  public static final int KNOWN = 0xf000f;

  private Throttling() {}

  /**
   * The bits in {@code throttled=0x50005}, {@code 0x50005} or {@code 50005} (sysfs has no 0x);
   * null if the text is none of these.
   */
  public static Integer parse(String text) {
    if (text == null) {
      return null;
    }
    String t = text.strip();
    if (t.startsWith("throttled=")) {
      t = t.substring("throttled=".length());
    }
    if (t.startsWith("0x") || t.startsWith("0X")) {
      t = t.substring(2);
    }
    if (!t.matches("[0-9a-fA-F]{1,8}")) {
      return null;
    }
    return (int) Long.parseLong(t, 16);
  }

  /**
   * Words for the bits: "under-voltage now", "throttled since boot", ... in bit order. A condition
   * that holds now is not also listed as since boot (the firmware sets both bits).
   */
  public static List<String> describe(int bits) {
    List<String> words = new ArrayList<>();
    for (int i = 0; i < CONDITIONS.length; i++) {
      if ((bits & (1 << i)) != 0) {
        words.add(CONDITIONS[i] + " now");
      } else if ((bits & (1 << (16 + i))) != 0) {
        words.add(CONDITIONS[i] + " since boot");
      }
    }
    return words;
  }

  /** For a table: "-" if unknown, "ok" if no bit is set, else the words joined with ", ". */
  public static String summary(Integer bits) {
    if (bits == null) {
      return "-";
    }
    List<String> words = describe(bits);
    if (words.isEmpty()) {
      return (bits & ~KNOWN) == 0 ? "ok" : "ok (" + hex(bits) + ")";
    }
    return String.join(", ", words);
  }

  /** Whether any condition holds now (bits 0-3). */
  public static boolean anyNow(int bits) {
    return (bits & 0xf) != 0;
  }

  /** Whether any condition has occurred since boot (bits 16-19, or now). */
  public static boolean anySinceBoot(int bits) {
    return (bits & KNOWN) != 0;
  }

  /** As vcgencmd prints them: {@code 0x50005}. */
  public static String hex(int bits) {
    return "0x" + Integer.toHexString(bits);
  }
}
