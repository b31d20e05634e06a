package io.picluster.launch.pmi;

import java.io.IOException;

/** A peer on the PMI port broke the protocol; the message says how, in a few words. */
final class PmiProtocolException extends IOException {
  PmiProtocolException(String message) {
    super(message);
  }
}
