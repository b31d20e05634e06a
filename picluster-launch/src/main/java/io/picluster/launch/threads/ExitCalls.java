package io.picluster.launch.threads;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Rewrites a threads-mode rank's class so that {@code System.exit}, {@code Runtime.exit} and
 * {@code Runtime.halt} (calls and method references) go to {@link RankExits}: the JDK offers no other
 * way since the security manager is on its way out. Each replacement leaves the operand stack as
 * the original call did, so stack map frames stay valid and are copied, not recomputed.
 */
final class ExitCalls {
  private static final String TARGET = RankExits.class.getName().replace('.', '/');

  private ExitCalls() {}

  /** The class with its exit calls redirected; the same bytes when it has none. */
  static byte[] rewrite(byte[] classFile) {
    if (!namesExitOrHalt(classFile)) {
      return classFile; // most classes: no parsing by ASM at all
    }
    ClassReader reader = new ClassReader(classFile);
    ClassWriter writer = new ClassWriter(reader, 0);
    boolean[] changed = {false};
    reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
      @Override
      public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
          String[] exceptions) {
        MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
        return new MethodVisitor(Opcodes.ASM9, next) {
          @Override
          public void visitMethodInsn(int opcode, String owner, String method, String desc, boolean itf) {
            String replacement = replacement(owner, method, desc);
            if (replacement != null) {
              changed[0] = true;
              super.visitMethodInsn(Opcodes.INVOKESTATIC, TARGET, replacement, staticDescriptor(owner), false);
            } else {
              super.visitMethodInsn(opcode, owner, method, desc, itf);
            }
          }

          @Override
          public void visitInvokeDynamicInsn(String name, String desc, Handle bootstrap, Object... args) {
            for (int i = 0; i < args.length; i++) {
              if (args[i] instanceof Handle h) {
                String replacement = replacement(h.getOwner(), h.getName(), h.getDesc());
                if (replacement != null) {
                  changed[0] = true;
                  args[i] = new Handle(Opcodes.H_INVOKESTATIC, TARGET, replacement,
                      staticDescriptor(h.getOwner()), false);
                }
              }
            }
            super.visitInvokeDynamicInsn(name, desc, bootstrap, args);
          }
        };
      }
    }, 0);
    return changed[0] ? writer.toByteArray() : classFile;
  }

  private static String replacement(String owner, String method, String desc) {
    if (!desc.equals("(I)V")) {
      return null;
    }
    if (owner.equals("java/lang/System") && method.equals("exit")) {
      return "exit";
    }
    if (owner.equals("java/lang/Runtime") && method.equals("exit")) {
      return "runtimeExit";
    }
    if (owner.equals("java/lang/Runtime") && method.equals("halt")) {
      return "runtimeHalt";
    }
    return null;
  }

  private static String staticDescriptor(String owner) {
    return owner.equals("java/lang/System") ? "(I)V" : "(Ljava/lang/Runtime;I)V";
  }

  /**
   * Whether the constant pool holds the name {@code exit} or {@code halt}, which every call of and
   * reference to those methods needs: a walk over the pool's entries, far cheaper than ASM's parse,
   * and exact where a search of the bytes for the words would also hit "exited" or a string. A class
   * file this walk cannot read is left to ASM to judge.
   */
  static boolean namesExitOrHalt(byte[] b) {
    try {
      int count = u2(b, 8);
      int p = 10;
      for (int i = 1; i < count; i++) {
        switch (b[p]) {
          case 1 -> { // Utf8: u2 length, then the bytes
            int length = u2(b, p + 1);
            if (length == 4 && (is(b, p + 3, "exit") || is(b, p + 3, "halt"))) {
              return true;
            }
            p += 3 + length;
          }
          case 7, 8, 16, 19, 20 -> p += 3; // Class, String, MethodType, Module, Package
          case 15 -> p += 4; // MethodHandle
          case 3, 4, 9, 10, 11, 12, 17, 18 -> p += 5; // Integer, Float, refs, NameAndType, dynamic
          case 5, 6 -> { // Long, Double: two entries
            p += 9;
            i++;
          }
          default -> {
            return true;
          }
        }
      }
      return false;
    } catch (ArrayIndexOutOfBoundsException truncated) {
      return true;
    }
  }

  private static int u2(byte[] b, int p) {
    return (b[p] & 0xff) << 8 | (b[p + 1] & 0xff);
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
