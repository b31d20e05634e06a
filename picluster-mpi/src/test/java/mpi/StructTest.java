package mpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** Open MPI's Struct: user subclasses, nested structs, the predefined pair structs. */
class StructTest {
  /** An int, three doubles, a char: C would put the doubles at 8 and pad the whole to 40; Open MPI packs fields back to back. */
  static final class Record extends Struct {
    final int id = addInt();
    final int xyz = addDouble(3);
    final int tag = addChar();

    @Override
    protected Data newData() {
      return new Data();
    }

    final class Data extends Struct.Data {
      void set(int i, double x, double y, double z, char t) {
        putInt(id, i);
        putDouble(xyz, 0, x);
        putDouble(xyz, 1, y);
        putDouble(xyz, 2, z);
        putChar(tag, t);
      }

      int id() {
        return getInt(id);
      }

      double coord(int k) {
        return getDouble(xyz, k);
      }

      char tag() {
        return getChar(tag);
      }
    }
  }

  /** A struct holding a Record and a byte array. */
  static final class Outer extends Struct {
    final Record inner = new Record();
    final int flag = addByte();
    final int rec = addStruct(inner);
    final int raw = addByte(3);

    @Override
    protected Data newData() {
      return new Data();
    }

    final class Data extends Struct.Data {
      Record.Data record() {
        return getData(inner, rec);
      }

      void flag(byte b) {
        putByte(flag, b);
      }

      byte flag() {
        return getByte(flag);
      }

      void raw(int i, byte b) {
        putByte(raw, i, b);
      }

      byte raw(int i) {
        return getByte(raw, i);
      }
    }
  }

  @Test
  void fieldsAreLaidOutBackToBackAndTheExtentPadded() {
    Record r = new Record();
    assertThat(r.id).isZero();
    assertThat(r.xyz).isEqualTo(4);
    assertThat(r.tag).isEqualTo(28);
    assertThat(r.getExtent()).isEqualTo(32); // 30 bytes, padded to the doubles' 8
    Datatype t = r.getType();
    assertThat(t.baseType()).isEqualTo(BaseType.BYTE);
    assertThat(t.getSize()).isEqualTo(30);
    assertThat(t.getExtent()).isEqualTo(32);
    assertThat(r.getType()).isSameAs(t);
    assertThatThrownBy(r::addInt).isInstanceOf(AssertionError.class).hasMessageContaining("committed");
  }

  @Test
  void dataRoundTripsThroughPackAndUnpack() {
    Record r = new Record();
    ByteBuffer out = MPI.newByteBuffer(2 * r.getExtent());
    Record.Data a = r.getData(out, 0);
    Record.Data b = r.getData(out, 1);
    a.set(1, 0.5, 1.5, 2.5, 'x');
    b.set(2, -1, -2, -3, 'y');
    byte[] packed = (byte[]) r.getType().pack(out, 2);
    assertThat(packed).hasSize(60);
    ByteBuffer in = ByteBuffer.allocate(64).order(ByteOrder.BIG_ENDIAN);
    r.getType().unpack(packed, 60, in);
    Record.Data c = r.getData(in, 1);
    assertThat(c.id()).isEqualTo(2);
    assertThat(c.coord(2)).isEqualTo(-3);
    assertThat(c.tag()).isEqualTo('y');
    byte[] arr = new byte[64];
    r.getType().unpack(packed, 60, arr, 0);
    Record.Data d = r.getData(arr, 0);
    assertThat(d.coord(1)).isEqualTo(1.5);
    assertThat(d.getBuffer().capacity()).isEqualTo(64);
    assertThat(((Record.Data) r.getData(arr, 1)).getBuffer().capacity()).isEqualTo(32);
  }

  @Test
  void nestedStructs() {
    Outer o = new Outer();
    assertThat(o.flag).isZero();
    assertThat(o.rec).isEqualTo(1);
    assertThat(o.raw).isEqualTo(33);
    assertThat(o.getExtent()).isEqualTo(40);
    ByteBuffer b = MPI.newByteBuffer(o.getExtent());
    Outer.Data d = o.getData(b);
    d.flag((byte) 7);
    d.record().set(9, 1, 2, 3, 'q');
    d.raw(2, (byte) -1);
    byte[] packed = (byte[]) o.getType().pack(b, 1);
    assertThat(packed).hasSize(1 + 30 + 3);
    ByteBuffer c = MPI.newByteBuffer(o.getExtent());
    o.getType().unpack(packed, packed.length, c);
    Outer.Data e = o.getData(c);
    assertThat(e.flag()).isEqualTo((byte) 7);
    assertThat(e.record().id()).isEqualTo(9);
    assertThat(e.record().tag()).isEqualTo('q');
    assertThat(e.raw(2)).isEqualTo((byte) -1);
  }

  @Test
  void setOffsetAndAddData() {
    Struct s = new Struct() {
      @Override
      protected Data newData() {
        return new Data() { };
      }
    };
    assertThat(s.addByte()).isZero();
    assertThat(s.setOffset(4)).isSameAs(s);
    assertThat(s.addData(Datatype.createContiguous(2, MPI.INT))).isEqualTo(4);
    assertThat(s.addFloat(2)).isEqualTo(12);
    assertThat(s.addLong()).isEqualTo(20);
    assertThat(s.addShort()).isEqualTo(28);
    assertThatThrownBy(() -> s.setOffset(3)).isInstanceOf(IllegalArgumentException.class);
    assertThat(s.getExtent()).isEqualTo(32);
  }

  @Test
  void predefinedPairStructs() {
    assertThat(MPI.int2.getType()).isSameAs(MPI.INT2);
    assertThat(MPI.int2.getExtent()).isEqualTo(8);
    assertThat(MPI.shortInt.getType()).isSameAs(MPI.SHORT_INT);
    assertThat(MPI.shortInt.getExtent()).isEqualTo(8);
    assertThat(MPI.longInt.getExtent()).isEqualTo(16);
    assertThat(MPI.floatInt.getExtent()).isEqualTo(8);
    assertThat(MPI.doubleInt.getExtent()).isEqualTo(16);
    ByteBuffer b = MPI.newByteBuffer(16);
    FloatInt.Data f = MPI.floatInt.getData(b, 1);
    f.putValue(2.5f);
    f.putIndex(3);
    assertThat(b.getFloat(8)).isEqualTo(2.5f);
    assertThat(b.getInt(12)).isEqualTo(3);
    LongInt.Data l = MPI.longInt.getData(b);
    l.putValue(-5);
    l.putIndex(1);
    assertThat(l.getValue()).isEqualTo(-5);
    assertThat(l.getIndex()).isEqualTo(1);
    ShortInt.Data s = MPI.shortInt.getData(new byte[8]);
    s.putValue((short) 4);
    assertThat(s.getValue()).isEqualTo((short) 4);
  }
}
