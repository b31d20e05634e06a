package io.picluster.comm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A peer's frame header is checked before its length allocates or frames anything. */
class FrameHeaderTest {
  @Test
  void messagesOfEveryKindUpToTheMaximumPass() {
    assertThat(Frame.headerProblem(Frame.OBJECT, 0)).isNull();
    assertThat(Frame.headerProblem(Frame.OBJECT, 123)).isNull();
    for (ElementType type : ElementType.values()) {
      assertThat(Frame.headerProblem(Frame.kindOf(type), 16L * type.size())).isNull();
    }
    assertThat(Frame.headerProblem(Frame.kindOf(ElementType.LONG), Frame.MAX_PAYLOAD)).isNull();
  }

  @Test
  void aLengthBeyondTheMaximumOrNegativeIsOneLine() {
    String tooLong = Frame.headerProblem(Frame.OBJECT, Frame.MAX_PAYLOAD + 1);
    assertThat(tooLong).isEqualTo("it sent a frame announcing " + (Frame.MAX_PAYLOAD + 1)
        + " bytes (at most " + Frame.MAX_PAYLOAD + ")");
    assertThat(Frame.headerProblem(Frame.OBJECT, Long.MAX_VALUE)).contains("at most").doesNotContain("\n");
    assertThat(Frame.headerProblem(Frame.kindOf(ElementType.INT), -4)).contains("-4 bytes");
  }

  @Test
  void anUnknownKindOrAPartialElementIsRefused() {
    assertThat(Frame.headerProblem(99, 8)).isEqualTo("it sent a frame of unknown kind 99");
    assertThat(Frame.headerProblem(-1, 0)).contains("unknown kind -1");
    assertThat(Frame.headerProblem(Frame.kindOf(ElementType.DOUBLE), 12))
        .isEqualTo("it sent 12 bytes of double[], not a whole number of elements");
  }

  @Test
  void controlFramesCarryNoPayloadAndRendezvousDataIsBytes() {
    for (int kind : new int[] {Frame.SYNC, Frame.ACK, Frame.BYE, Frame.RTS, Frame.CTS}) {
      assertThat(Frame.isControl(kind)).isTrue();
      assertThat(Frame.headerProblem(kind, 0)).isNull();
      assertThat(Frame.headerProblem(kind, 8)).isEqualTo("it sent control frame " + kind
          + " announcing 8 bytes (it has none)");
    }
    assertThat(Frame.isControl(Frame.DATA)).isFalse();
    assertThat(Frame.headerProblem(Frame.DATA, 3L * Frame.EAGER_BYTES + 1)).isNull();
    assertThat(Frame.headerProblem(Frame.DATA, Frame.MAX_PAYLOAD + 1)).contains("at most");
    assertThat(Frame.headerProblem(Frame.DATA + 1, 0)).contains("unknown kind " + (Frame.DATA + 1));
  }
}
