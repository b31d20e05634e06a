package io.picluster.comm.internal;

import io.picluster.comm.CommException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Turns the objects of the object layer into bytes and back. The values jobs send most (null,
 * boxed numbers, strings, primitive arrays) get a one-byte tag and their raw bytes; anything else
 * goes through Java serialization, as mpi4py's lowercase methods go through pickle.
 */
public final class ObjectCodec {
  private static final byte NULL = 0;
  private static final byte INTEGER = 1;
  private static final byte LONG = 2;
  private static final byte DOUBLE = 3;
  private static final byte BOOLEAN = 4;
  private static final byte STRING = 5;
  private static final byte BYTES = 6;
  private static final byte INTS = 7;
  private static final byte LONGS = 8;
  private static final byte DOUBLES = 9;
  private static final byte SERIALIZED = 10;

  private ObjectCodec() {}

  public static byte[] encode(Object value) {
    if (value == null) return new byte[] {NULL};
    if (value instanceof Integer) return tagged(INTEGER, 4).putInt((Integer) value).array();
    if (value instanceof Long) return tagged(LONG, 8).putLong((Long) value).array();
    if (value instanceof Double) return tagged(DOUBLE, 8).putDouble((Double) value).array();
    if (value instanceof Boolean) return new byte[] {BOOLEAN, (byte) ((Boolean) value ? 1 : 0)};
    if (value instanceof String) return withTag(STRING, ((String) value).getBytes(StandardCharsets.UTF_8));
    if (value instanceof byte[]) return withTag(BYTES, (byte[]) value);
    if (value instanceof int[]) return withTag(INTS, ElementType.INT.toBytes(value, 0, ((int[]) value).length));
    if (value instanceof long[]) return withTag(LONGS, ElementType.LONG.toBytes(value, 0, ((long[]) value).length));
    if (value instanceof double[]) return withTag(DOUBLES, ElementType.DOUBLE.toBytes(value, 0, ((double[]) value).length));
    return serialize(value);
  }

  public static Object decode(byte[] bytes) {
    if (bytes.length == 0) {
      throw new CommException("received an empty object message");
    }
    ByteBuffer in = ByteBuffer.wrap(bytes, 1, bytes.length - 1).order(ElementType.ORDER);
    switch (bytes[0]) {
      case NULL: return null;
      case INTEGER: return in.getInt();
      case LONG: return in.getLong();
      case DOUBLE: return in.getDouble();
      case BOOLEAN: return in.get() != 0;
      case STRING: return new String(bytes, 1, bytes.length - 1, StandardCharsets.UTF_8);
      case BYTES: return ElementType.BYTE.fromBytes(body(bytes));
      case INTS: return ElementType.INT.fromBytes(body(bytes));
      case LONGS: return ElementType.LONG.fromBytes(body(bytes));
      case DOUBLES: return ElementType.DOUBLE.fromBytes(body(bytes));
      case SERIALIZED: return deserialize(bytes);
      default: throw new CommException("received an object message with unknown type tag " + bytes[0]);
    }
  }

  private static ByteBuffer tagged(byte tag, int size) {
    return ByteBuffer.allocate(1 + size).order(ElementType.ORDER).put(tag);
  }

  private static byte[] withTag(byte tag, byte[] body) {
    byte[] bytes = new byte[body.length + 1];
    bytes[0] = tag;
    System.arraycopy(body, 0, bytes, 1, body.length);
    return bytes;
  }

  private static byte[] body(byte[] bytes) {
    byte[] body = new byte[bytes.length - 1];
    System.arraycopy(bytes, 1, body, 0, body.length);
    return body;
  }

  private static byte[] serialize(Object value) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
    buffer.write(SERIALIZED);
    try (ObjectOutputStream out = new ObjectOutputStream(buffer)) {
      out.writeObject(value);
    } catch (NotSerializableException e) {
      throw new IllegalArgumentException(
          "cannot send a " + value.getClass().getName() + ": " + e.getMessage()
              + " is not Serializable (implement java.io.Serializable, or send arrays)", e);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot serialize a " + value.getClass().getName() + ": " + e, e);
    }
    return buffer.toByteArray();
  }

  private static Object deserialize(byte[] bytes) {
    try (ObjectInputStream in = new ContextClassLoaderObjectInputStream(
        new ByteArrayInputStream(bytes, 1, bytes.length - 1))) {
      return in.readObject();
    } catch (IOException | ClassNotFoundException e) {
      throw new CommException("cannot deserialize a received object: " + e, e);
    }
  }

  /** Resolves classes through the thread's context loader first, where job classes live. */
  private static final class ContextClassLoaderObjectInputStream extends ObjectInputStream {
    ContextClassLoaderObjectInputStream(InputStream in) throws IOException {
      super(in);
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      if (loader != null) {
        try {
          return Class.forName(desc.getName(), false, loader);
        } catch (ClassNotFoundException fallThrough) {
          // primitives and JDK classes resolve below
        }
      }
      return super.resolveClass(desc);
    }
  }
}
