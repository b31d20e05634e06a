package io.picluster.launch.hosts;

/** Host names as RFC 1123 allows them: dot-separated labels of letters, digits and hyphens. */
final class HostName {
  static final int MAX_LENGTH = 253;
  static final int MAX_LABEL = 63;

  private HostName() {}

  /**
   * Checks {@code name}.
   *
   * @throws IllegalArgumentException saying what is wrong and what to write instead
   */
  static void check(String name) {
    if (name.length() > MAX_LENGTH) {
      throw bad(name, "it is longer than " + MAX_LENGTH + " characters", "use a shorter name");
    }
    if (name.endsWith(".")) {
      throw bad(name, "it ends in a dot", "drop the trailing dot");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '@') {
        throw bad(name, "it contains a user name",
            "set the user in ~/.ssh/config: 'Host " + name.substring(i + 1) + "' / 'User "
                + name.substring(0, i) + "'");
      }
      if (c > 127) {
        throw bad(name, "'" + c + "' is not ASCII", "write the ASCII (punycode) form of the name");
      }
      if (!(Character.isLetterOrDigit(c) || c == '-' || c == '.')) {
        throw bad(name, "'" + c + "' is not allowed", "use only letters, digits, '-' and '.'");
      }
    }
    for (String label : name.split("\\.", -1)) {
      if (label.isEmpty()) {
        throw bad(name, "it has an empty part between dots", "remove the extra dot");
      }
      if (label.length() > MAX_LABEL) {
        throw bad(name, "the part '" + label + "' is longer than " + MAX_LABEL + " characters",
            "use a shorter name");
      }
      if (label.startsWith("-") || label.endsWith("-")) {
        throw bad(name, "the part '" + label + "' starts or ends with '-'",
            "put '-' only between letters or digits");
      }
    }
  }

  /** True when the last label is all digits: RFC 1123 says such a name is meant as an IPv4 address. */
  static boolean looksNumeric(String name) {
    String last = name.substring(name.lastIndexOf('.') + 1);
    return !last.isEmpty() && last.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  private static IllegalArgumentException bad(String name, String why, String fix) {
    return new IllegalArgumentException(
        "'" + name + "' is not a valid host name: " + why + " (" + fix + ")");
  }
}
