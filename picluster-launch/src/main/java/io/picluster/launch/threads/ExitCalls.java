package io.picluster.launch.threads;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Rewrites a threads-mode rank's class so that {@code System.exit}, {@code Runtime.exit} and
 * {@code Runtime.halt} (calls and method references) go to {@link RankExits}: the JDK offers no other
 * way since the security manager is on its way out.
 *
 * <p>The rewrite is done in place, without a bytecode library: each such method reference in the
 * constant pool is pointed at {@link RankExits}'s static method of the same shape (the receiver of
 * a {@code Runtime} call becomes the first argument), the {@code invokevirtual} instructions and
 * method handles that use a {@code Runtime} one become static, and a few constants are appended to
 * the pool. No instruction moves and the operand stack is as the original call left it, so stack
 * map frames stay valid. (A library such as ASM, besides the weight, is compiled for Java 5, which
 * class-data sharing cannot archive: every job would load and interpret it anew.)
 */
final class ExitCalls {
  private static final String TARGET = RankExits.class.getName().replace('.', '/');
  private static final String RUNTIME_DESCRIPTOR = "(Ljava/lang/Runtime;I)V";

  private static final int UTF8 = 1;
  private static final int CLASS = 7;
  private static final int METHODREF = 10;
  private static final int NAME_AND_TYPE = 12;
  private static final int METHOD_HANDLE = 15;
  private static final int REF_INVOKE_VIRTUAL = 5;
  private static final int REF_INVOKE_STATIC = 6;
  private static final int INVOKEVIRTUAL = 0xb6;
  private static final int INVOKESTATIC = 0xb8;

  /** What a method reference of the constant pool calls. */
  private static final int OTHER = 0;
  private static final int SYSTEM_EXIT = 1;
  private static final int RUNTIME_EXIT = 2;
  private static final int RUNTIME_HALT = 3;

  private ExitCalls() {}

  /** The class with its exit calls redirected; the same bytes when it has none. */
  static byte[] rewrite(byte[] classFile) {
    if (!namesExitOrHalt(classFile)) {
      return classFile; // most classes: a walk over the constant pool, nothing more
    }
    try {
      return new Rewrite(classFile).run();
    } catch (IndexOutOfBoundsException | IllegalArgumentException malformed) {
      return classFile; // not a class file the JVM would define: defineClass says what is wrong
    }
  }

  /**
   * Whether the constant pool holds the name {@code exit} or {@code halt}, which every call of and
   * reference to those methods needs: exact where a search of the bytes for the words would also hit
   * "exited" or a string. A class file this walk cannot read is left to the rewrite to judge.
   */
  static boolean namesExitOrHalt(byte[] b) {
    try {
      int count = u2(b, 8);
      int p = 10;
      for (int i = 1; i < count; i++) {
        int tag = b[p];
        if (tag == UTF8) {
          int length = u2(b, p + 1);
          if (length == 4 && (is(b, p + 3, "exit") || is(b, p + 3, "halt"))) {
            return true;
          }
        } else if (tag == 5 || tag == 6) {
          i++; // Long and Double take two entries
        }
        int size = entrySize(b, p);
        if (size < 0) {
          return true;
        }
        p += size;
      }
      return false;
    } catch (ArrayIndexOutOfBoundsException truncated) {
      return true;
    }
  }

  /** One class file's rewrite. */
  private static final class Rewrite {
    private final byte[] in;
    private final int count;
    /** Offset of each constant pool entry's tag; 0 for the second half of a Long or Double. */
    private final int[] entry;
    private final int poolEnd;
    private final int[] kind;

    Rewrite(byte[] in) {
      this.in = in;
      this.count = u2(in, 8);
      this.entry = new int[count];
      this.kind = new int[count];
      int p = 10;
      for (int i = 1; i < count; i++) {
        entry[i] = p;
        int tag = in[p];
        int size = entrySize(in, p);
        if (size < 0) {
          throw new IllegalArgumentException("unknown constant pool tag " + tag);
        }
        if (tag == 5 || tag == 6) {
          i++;
        }
        p += size;
      }
      this.poolEnd = p;
    }

    byte[] run() {
      boolean any = false;
      boolean runtime = false;
      for (int i = 1; i < count; i++) {
        if (entry[i] != 0 && in[entry[i]] == METHODREF) {
          kind[i] = kindOf(i);
          any |= kind[i] != OTHER;
          runtime |= kind[i] == RUNTIME_EXIT || kind[i] == RUNTIME_HALT;
        }
      }
      if (!any) {
        return in;
      }
      // Appended: RankExits as a class, and the names and shapes of its Runtime methods.
      String[] utf8 = {TARGET, "runtimeExit", "runtimeHalt", RUNTIME_DESCRIPTOR};
      int target = count + 4;
      int runtimeExit = count + 5;
      int runtimeHalt = count + 6;
      int added = 7;
      if (count + added > 0xffff) {
        throw new IllegalArgumentException("constant pool full");
      }
      byte[] extra = new byte[256];
      int e = 0;
      for (String s : utf8) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        extra[e] = UTF8;
        put2(extra, e + 1, bytes.length);
        System.arraycopy(bytes, 0, extra, e + 3, bytes.length);
        e += 3 + bytes.length;
      }
      extra[e] = CLASS;
      put2(extra, e + 1, count); // TARGET
      e += 3;
      for (int name : new int[] {count + 1, count + 2}) {
        extra[e] = NAME_AND_TYPE;
        put2(extra, e + 1, name);
        put2(extra, e + 3, count + 3); // RUNTIME_DESCRIPTOR
        e += 5;
      }
      byte[] out = new byte[in.length + e];
      System.arraycopy(in, 0, out, 0, poolEnd);
      System.arraycopy(extra, 0, out, poolEnd, e);
      System.arraycopy(in, poolEnd, out, poolEnd + e, in.length - poolEnd);
      put2(out, 8, count + added);
      for (int i = 1; i < count; i++) {
        int p = entry[i];
        switch (kind[i]) {
          case SYSTEM_EXIT -> put2(out, p + 1, target); // RankExits.exit(I)V: same name and type
          case RUNTIME_EXIT -> {
            put2(out, p + 1, target);
            put2(out, p + 3, runtimeExit);
          }
          case RUNTIME_HALT -> {
            put2(out, p + 1, target);
            put2(out, p + 3, runtimeHalt);
          }
          default -> {
            if (entry[i] != 0 && in[p] == METHOD_HANDLE && in[p + 1] == REF_INVOKE_VIRTUAL
                && isRuntime(kind[u2(in, p + 2)])) {
              out[p + 1] = REF_INVOKE_STATIC;
            }
          }
        }
      }
      if (runtime) {
        staticCalls(out, poolEnd + e);
      }
      return out;
    }

    /** Turns every {@code invokevirtual} of a rewritten Runtime method into {@code invokestatic}. */
    private void staticCalls(byte[] out, int afterPool) {
      int p = afterPool + 6; // access flags, this class, super class
      p += 2 + 2 * u2(out, p); // interfaces
      p = skipMembers(out, p); // fields
      int methods = u2(out, p);
      p += 2;
      for (int m = 0; m < methods; m++) {
        int attributes = u2(out, p + 6);
        p += 8;
        for (int a = 0; a < attributes; a++) {
          int length = u4(out, p + 2);
          if (isUtf8(u2(out, p), "Code")) {
            int codeLength = u4(out, p + 10);
            rewriteCode(out, p + 14, codeLength);
          }
          p += 6 + length;
        }
      }
    }

    private void rewriteCode(byte[] out, int code, int length) {
      int pc = 0;
      while (pc < length) {
        int op = out[code + pc] & 0xff;
        if (op == INVOKEVIRTUAL && isRuntime(kind[u2(out, code + pc + 1)])) {
          out[code + pc] = (byte) INVOKESTATIC;
        }
        pc += instructionLength(out, code, pc);
      }
    }

    private int kindOf(int methodref) {
      int p = entry[methodref];
      int owner = u2(in, entry[u2(in, p + 1)] + 1);
      int nameAndType = entry[u2(in, p + 3)];
      int name = u2(in, nameAndType + 1);
      if (!isUtf8(u2(in, nameAndType + 3), "(I)V")) {
        return OTHER;
      }
      if (isUtf8(owner, "java/lang/System") && isUtf8(name, "exit")) {
        return SYSTEM_EXIT;
      }
      if (isUtf8(owner, "java/lang/Runtime")) {
        return isUtf8(name, "exit") ? RUNTIME_EXIT : isUtf8(name, "halt") ? RUNTIME_HALT : OTHER;
      }
      return OTHER;
    }

    private boolean isUtf8(int index, String ascii) {
      int p = entry[index];
      return in[p] == UTF8 && u2(in, p + 1) == ascii.length() && is(in, p + 3, ascii);
    }

    private static boolean isRuntime(int kind) {
      return kind == RUNTIME_EXIT || kind == RUNTIME_HALT;
    }

    private static int skipMembers(byte[] b, int p) {
      int members = u2(b, p);
      p += 2;
      for (int m = 0; m < members; m++) {
        int attributes = u2(b, p + 6);
        p += 8;
        for (int a = 0; a < attributes; a++) {
          p += 6 + u4(b, p + 2);
        }
      }
      return p;
    }
  }

  /** The size in bytes of the constant pool entry at {@code p}; -1 for a tag this JVM spec lacks. */
  private static int entrySize(byte[] b, int p) {
    return switch (b[p]) {
      case UTF8 -> 3 + u2(b, p + 1);
      case 7, 8, 16, 19, 20 -> 3; // Class, String, MethodType, Module, Package
      case METHOD_HANDLE -> 4;
      case 3, 4, 9, 10, 11, 12, 17, 18 -> 5; // Integer, Float, the refs, NameAndType, the dynamics
      case 5, 6 -> 9; // Long, Double
      default -> -1;
    };
  }

  /** Bytes taken by the instruction at {@code pc} (offsets from the code's start, for the padding). */
  private static int instructionLength(byte[] b, int code, int pc) {
    int op = b[code + pc] & 0xff;
    switch (op) {
      case 0xaa -> { // tableswitch: padding, default, low, high, then the offsets
        int p = pc + 1 + (3 - (pc & 3));
        int low = u4(b, code + p + 4);
        int high = u4(b, code + p + 8);
        return p - pc + 12 + 4 * (high - low + 1);
      }
      case 0xab -> { // lookupswitch: padding, default, npairs, then the pairs
        int p = pc + 1 + (3 - (pc & 3));
        return p - pc + 8 + 8 * u4(b, code + p + 4);
      }
      case 0xc4 -> { // wide: iinc takes 6 bytes, the loads, stores and ret 4
        return (b[code + pc + 1] & 0xff) == 0x84 ? 6 : 4;
      }
      default -> {
        int length = op < LENGTHS.length ? LENGTHS[op] : 0;
        if (length == 0) {
          throw new IllegalArgumentException("unknown opcode " + op);
        }
        return length;
      }
    }
  }

  /** Lengths of the fixed-size instructions, by opcode (JVMS 6.5); 0 where not one of them. */
  private static final byte[] LENGTHS = lengths();

  private static byte[] lengths() {
    byte[] l = new byte[0xca];
    Arrays.fill(l, (byte) 1);
    l[0x10] = 2; // bipush
    l[0x11] = 3; // sipush
    l[0x12] = 2; // ldc
    l[0x13] = 3; // ldc_w
    l[0x14] = 3; // ldc2_w
    Arrays.fill(l, 0x15, 0x1a, (byte) 2); // iload .. aload
    Arrays.fill(l, 0x36, 0x3b, (byte) 2); // istore .. astore
    l[0x84] = 3; // iinc
    Arrays.fill(l, 0x99, 0xa9, (byte) 3); // if<cond>, if_<cmp>, goto, jsr
    l[0xa9] = 2; // ret
    l[0xaa] = 0; // tableswitch
    l[0xab] = 0; // lookupswitch
    Arrays.fill(l, 0xb2, 0xb9, (byte) 3); // get/put static/field, invokevirtual/special/static
    l[0xb9] = 5; // invokeinterface
    l[0xba] = 5; // invokedynamic
    l[0xbb] = 3; // new
    l[0xbc] = 2; // newarray
    l[0xbd] = 3; // anewarray
    l[0xc0] = 3; // checkcast
    l[0xc1] = 3; // instanceof
    l[0xc4] = 0; // wide
    l[0xc5] = 4; // multianewarray
    l[0xc6] = 3; // ifnull
    l[0xc7] = 3; // ifnonnull
    l[0xc8] = 5; // goto_w
    l[0xc9] = 5; // jsr_w
    return l;
  }

  private static int u2(byte[] b, int p) {
    return (b[p] & 0xff) << 8 | (b[p + 1] & 0xff);
  }

  private static int u4(byte[] b, int p) {
    return (b[p] & 0xff) << 24 | (b[p + 1] & 0xff) << 16 | (b[p + 2] & 0xff) << 8 | (b[p + 3] & 0xff);
  }

  private static void put2(byte[] b, int p, int v) {
    b[p] = (byte) (v >>> 8);
    b[p + 1] = (byte) v;
  }

  private static boolean is(byte[] b, int p, String ascii) {
    for (int k = 0; k < ascii.length(); k++) {
      if (b[p + k] != (byte) ascii.charAt(k)) {
        return false;
      }
    }
    return true;
  }
}
