package io.picluster.setup.keys;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;

/**
 * One OpenSSH public key as {@code id_ed25519.pub}, {@code authorized_keys} (without options) and
 * {@code ssh-keyscan} write it: {@code TYPE BASE64 [COMMENT]}.
 *
 * @param type e.g. {@code ssh-ed25519}
 * @param blob the key in base64, as in the file
 * @param comment the rest of the line, often {@code user@host}; empty if none
 */
public record PublicKeyLine(String type, String blob, String comment) {
  /** Parses {@code TYPE BASE64 [COMMENT]}; empty for anything else (blank, comment, options). */
  public static Optional<PublicKeyLine> parse(String line) {
    String[] w = line.strip().split("\\s+", 3);
    if (w.length < 2 || !w[0].matches("(ssh|ecdsa|sk)-[A-Za-z0-9@.-]+")
        || !w[1].matches("[A-Za-z0-9+/]+={0,2}")) {
      return Optional.empty();
    }
    try {
      Base64.getDecoder().decode(w[1]);
    } catch (IllegalArgumentException notBase64) {
      return Optional.empty();
    }
    return Optional.of(new PublicKeyLine(w[0], w[1], w.length == 3 ? w[2].strip() : ""));
  }

  /** {@code TYPE BASE64}: what identifies the key, whatever the comment. */
  public String key() {
    return type + " " + blob;
  }

  /** The whole line, comment included. */
  public String line() {
    return comment.isEmpty() ? key() : key() + " " + comment;
  }

  /** The same key (type and blob), whatever the comments. */
  public boolean sameKey(PublicKeyLine other) {
    return type.equals(other.type) && blob.equals(other.blob);
  }

  /**
   * The fingerprint as {@code ssh-keygen -lf} prints it by default: {@code SHA256:} and the
   * unpadded base64 of the SHA-256 of the key blob.
   */
  public String fingerprint() {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(Base64.getDecoder().decode(blob));
      return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
