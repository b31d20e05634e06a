package io.picluster.setup.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MarkedBlockTest {
  private static final String BLOCK = MarkedBlock.BEGIN + "\nnew\n" + MarkedBlock.END + "\n";

  @Test
  void aFileWithoutTheBlockGetsItAtItsEndAfterABlankLine() {
    assertThat(MarkedBlock.put("f", "a\nb\n", "new\n")).isEqualTo("a\nb\n\n" + BLOCK);
    assertThat(MarkedBlock.put("f", "a\n\n", "new\n")).isEqualTo("a\n\n" + BLOCK);
    assertThat(MarkedBlock.put("f", "no newline", "new\n")).isEqualTo("no newline\n\n" + BLOCK);
  }

  @Test
  void noFileOrAnEmptyOneIsJustTheBlock() {
    assertThat(MarkedBlock.put("f", null, "new\n")).isEqualTo(BLOCK);
    assertThat(MarkedBlock.put("f", "", "new\n")).isEqualTo(BLOCK);
  }

  @Test
  void theBlockIsReplacedWhereItIsAndNothingElseMoves() {
    String text = "top\n" + MarkedBlock.BEGIN + "\nold 1\nold 2\n" + MarkedBlock.END
        + "\nbottom\nlast without newline";
    assertThat(MarkedBlock.put("f", text, "new\n")).isEqualTo("top\n" + BLOCK
        + "bottom\nlast without newline");
  }

  @Test
  void markersAreFoundWithSurroundingBlanks() {
    String text = "  " + MarkedBlock.BEGIN + "  \nold\n\t" + MarkedBlock.END + "\n";
    assertThat(MarkedBlock.put("f", text, "new\n")).isEqualTo(BLOCK);
  }

  @Test
  void aBlockThatIsNotClosedIsRefused() {
    assertThatThrownBy(() -> MarkedBlock.put("etc/hosts", "a\n" + MarkedBlock.BEGIN + "\nx\n",
        "new\n"))
        .isInstanceOf(NetFileException.class)
        .hasMessage("/etc/hosts: line 2 opens picluster's block ('# BEGIN picluster backbone') but"
            + " no line closes it; add '# END picluster backbone' after the block's lines, or"
            + " remove the block");
  }

  @Test
  void twoBlocksOrAStrayEndAreRefused() {
    assertThatThrownBy(() -> MarkedBlock.find("etc/hosts", BLOCK + BLOCK))
        .isInstanceOf(NetFileException.class)
        .hasMessage("/etc/hosts: lines 1 and 4 both open picluster's block; remove one of the two"
            + " blocks");
    assertThatThrownBy(() -> MarkedBlock.find("etc/dhcpcd.conf", "x\n" + MarkedBlock.END + "\n"))
        .isInstanceOf(NetFileException.class)
        .hasMessage("/etc/dhcpcd.conf: line 2 closes picluster's block ('# END picluster"
            + " backbone'), but no block is open there; remove that line");
  }
}
