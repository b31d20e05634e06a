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
    if (!mentions(classFile, "exit") && !mentions(classFile, "halt")) {
      return classFile; // most classes: no parsing at all
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

  private static boolean mentions(byte[] b, String ascii) {
    byte c0 = (byte) ascii.charAt(0);
    outer:
    for (int i = 0; i + ascii.length() <= b.length; i++) {
      if (b[i] != c0) {
        continue;
      }
      for (int k = 1; k < ascii.length(); k++) {
        if (b[i + k] != (byte) ascii.charAt(k)) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
