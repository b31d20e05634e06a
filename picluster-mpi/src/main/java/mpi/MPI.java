package mpi;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;

/**
 * MPI's constants and environment, for both APIs. Numeric constants carry MPJ Express's values
 * (its programs have IDENT, CONGRUENT, SIMILAR, UNEQUAL inlined); every constant is final, and the
 * object constants exist before Init.
 */
public final class MPI {
  public MPI() {
  }

  // ---------------------------------------------------------------- datatypes

  /** MPJ Express's null datatype; the same object as {@link #DATATYPE_NULL}. */
  public static final Datatype NULL = Datatype.NULL;
  public static final Datatype DATATYPE_NULL = Datatype.NULL;
  public static final Datatype BYTE = Datatype.BYTE;
  /** A Java char (2 bytes). */
  public static final Datatype CHAR = Datatype.CHAR;
  public static final Datatype SHORT = Datatype.SHORT;
  /** A Java boolean (1 byte). */
  public static final Datatype BOOLEAN = Datatype.BOOLEAN;
  public static final Datatype INT = Datatype.INT;
  public static final Datatype LONG = Datatype.LONG;
  public static final Datatype FLOAT = Datatype.FLOAT;
  public static final Datatype DOUBLE = Datatype.DOUBLE;
  /** Bytes made by Pack, for Unpack. */
  public static final Datatype PACKED = Datatype.PACKED;
  /** Lower-bound marker for Datatype.Struct (MPJ Express). */
  public static final Datatype LB = Datatype.LB;
  /** Upper-bound marker for Datatype.Struct (MPJ Express). */
  public static final Datatype UB = Datatype.UB;
  /** Serializable objects in Object[] buffers (MPJ Express; accepted by Open MPI-style calls too). */
  public static final Datatype OBJECT = Datatype.OBJECT;

  /** (value, index) pairs for MAXLOC/MINLOC in short[] buffers (MPJ Express). */
  public static final Datatype SHORT2 = Datatype.SHORT2;
  /** (value, index) int pairs: int[] buffers (MPJ Express) or ByteBuffers with {@link #int2} (Open MPI). */
  public static final Datatype INT2 = Datatype.INT2;
  public static final Datatype LONG2 = Datatype.LONG2;
  public static final Datatype FLOAT2 = Datatype.FLOAT2;
  public static final Datatype DOUBLE2 = Datatype.DOUBLE2;
  /** Open MPI's (short value, int index) struct, used with {@link #shortInt}. */
  public static final Datatype SHORT_INT = Datatype.SHORT_INT;
  public static final Datatype LONG_INT = Datatype.LONG_INT;
  public static final Datatype FLOAT_INT = Datatype.FLOAT_INT;
  public static final Datatype DOUBLE_INT = Datatype.DOUBLE_INT;
  /** Complex numbers as (real, imaginary) pairs of float or double. */
  public static final Datatype FLOAT_COMPLEX = Datatype.FLOAT_COMPLEX;
  public static final Datatype DOUBLE_COMPLEX = Datatype.DOUBLE_COMPLEX;

  /** Struct objects (Open MPI) to read and write the pair types in a ByteBuffer. */
  public static final Int2 int2 = new Int2();
  public static final ShortInt shortInt = new ShortInt();
  public static final LongInt longInt = new LongInt();
  public static final FloatInt floatInt = new FloatInt();
  public static final DoubleInt doubleInt = new DoubleInt();

  // ---------------------------------------------------------------- operations

  public static final Op MAX = Op.MAX;
  public static final Op MIN = Op.MIN;
  public static final Op SUM = Op.SUM;
  public static final Op PROD = Op.PROD;
  public static final Op LAND = Op.LAND;
  public static final Op BAND = Op.BAND;
  public static final Op LOR = Op.LOR;
  public static final Op BOR = Op.BOR;
  public static final Op LXOR = Op.LXOR;
  public static final Op BXOR = Op.BXOR;
  /** Largest value and its (lowest) index, on pair types. */
  public static final Op MAXLOC = Op.MAXLOC;
  /** Smallest value and its (lowest) index, on pair types. */
  public static final Op MINLOC = Op.MINLOC;
  /** For one-sided accumulate only (not supported by reductions). */
  public static final Op REPLACE = Op.REPLACE;
  public static final Op NO_OP = Op.NO_OP;

  // ---------------------------------------------------------------- numbers

  public static final int ANY_SOURCE = -2;
  public static final int ANY_TAG = -2;
  public static final int PROC_NULL = -3;
  public static final int UNDEFINED = -1;
  public static final int ROOT = -4;

  public static final int IDENT = 0;
  public static final int CONGRUENT = 3;
  public static final int SIMILAR = 1;
  public static final int UNEQUAL = 2;

  public static final int THREAD_SINGLE = 1;
  public static final int THREAD_FUNNELED = 2;
  public static final int THREAD_SERIALIZED = 3;
  public static final int THREAD_MULTIPLE = 4;

  /** Topology kinds (Topo_test / getTopology). */
  public static final int GRAPH = 1;
  public static final int CART = 2;
  public static final int DIST_GRAPH = 3;

  /** Attribute keys for Attr_get / getAttr. */
  public static final int TAG_UB = 0;
  public static final int HOST = 1;
  public static final int IO = 2;
  public static final int WTIME_IS_GLOBAL = 3;
  public static final int APPNUM = 4;
  public static final int LASTUSEDCODE = 5;
  public static final int UNIVERSE_SIZE = 6;
  public static final int WIN_BASE = 7;
  public static final int WIN_SIZE = 8;
  public static final int WIN_DISP_UNIT = 9;
  public static final int KEYVAL_INVALID = -1;

  /** Extra bytes a buffered send needs: picluster buffers sends itself, so none. */
  public static final int BSEND_OVERHEAD = 0;
  public static final int SEND_OVERHEAD = 0;
  public static final int RECV_OVERHEAD = 0;

  /** The MPI standard version followed. */
  public static final int VERSION = 3;
  public static final int SUBVERSION = 1;

  public static final int MAX_OBJECT_NAME = 64;
  public static final int MAX_PORT_NAME = 1024;
  public static final int MAX_DATAREP_STRING = 128;
  public static final int MAX_INFO_KEY = 36;
  public static final int MAX_INFO_VAL = 256;
  public static final int ORDER_C = 0;
  public static final int ORDER_FORTRAN = 1;
  public static final int DISTRIBUTE_BLOCK = 0;
  public static final int DISTRIBUTE_CYCLIC = 1;
  public static final int DISTRIBUTE_NONE = 2;
  public static final int DISTRIBUTE_DFLT_DARG = -1;

  // MPI-IO and one-sided constants: Open MPI has them; picluster has no File or Win.
  public static final int MODE_CREATE = 1;
  public static final int MODE_RDONLY = 2;
  public static final int MODE_WRONLY = 4;
  public static final int MODE_RDWR = 8;
  public static final int MODE_DELETE_ON_CLOSE = 16;
  public static final int MODE_UNIQUE_OPEN = 32;
  public static final int MODE_EXCL = 64;
  public static final int MODE_APPEND = 128;
  public static final int MODE_SEQUENTIAL = 256;
  public static final int DISPLACEMENT_CURRENT = -54278278;
  public static final int SEEK_SET = 600;
  public static final int SEEK_CUR = 602;
  public static final int SEEK_END = 604;
  public static final int MODE_NOCHECK = 1;
  public static final int MODE_NOPRECEDE = 2;
  public static final int MODE_NOPUT = 4;
  public static final int MODE_NOSTORE = 8;
  public static final int MODE_NOSUCCEED = 16;
  public static final int LOCK_EXCLUSIVE = 1;
  public static final int LOCK_SHARED = 2;

  // Error classes (Open MPI's numbering).
  public static final int SUCCESS = 0;
  public static final int ERR_BUFFER = 1;
  public static final int ERR_COUNT = 2;
  public static final int ERR_TYPE = 3;
  public static final int ERR_TAG = 4;
  public static final int ERR_COMM = 5;
  public static final int ERR_RANK = 6;
  public static final int ERR_REQUEST = 7;
  public static final int ERR_ROOT = 8;
  public static final int ERR_GROUP = 9;
  public static final int ERR_OP = 10;
  public static final int ERR_TOPOLOGY = 11;
  public static final int ERR_DIMS = 12;
  public static final int ERR_ARG = 13;
  public static final int ERR_UNKNOWN = 14;
  public static final int ERR_TRUNCATE = 15;
  public static final int ERR_OTHER = 16;
  public static final int ERR_INTERN = 17;
  public static final int ERR_IN_STATUS = 18;
  public static final int ERR_PENDING = 19;
  public static final int ERR_ACCESS = 20;
  public static final int ERR_AMODE = 21;
  public static final int ERR_ASSERT = 22;
  public static final int ERR_BAD_FILE = 23;
  public static final int ERR_BASE = 24;
  public static final int ERR_CONVERSION = 25;
  public static final int ERR_DISP = 26;
  public static final int ERR_DUP_DATAREP = 27;
  public static final int ERR_FILE_EXISTS = 28;
  public static final int ERR_FILE_IN_USE = 29;
  public static final int ERR_FILE = 30;
  public static final int ERR_INFO_KEY = 31;
  public static final int ERR_INFO_NOKEY = 32;
  public static final int ERR_INFO_VALUE = 33;
  public static final int ERR_INFO = 34;
  public static final int ERR_IO = 35;
  public static final int ERR_KEYVAL = 36;
  public static final int ERR_LOCKTYPE = 37;
  public static final int ERR_NAME = 38;
  public static final int ERR_NO_MEM = 39;
  public static final int ERR_NOT_SAME = 40;
  public static final int ERR_NO_SPACE = 41;
  public static final int ERR_NO_SUCH_FILE = 42;
  public static final int ERR_PORT = 43;
  public static final int ERR_QUOTA = 44;
  public static final int ERR_READ_ONLY = 45;
  public static final int ERR_RMA_CONFLICT = 46;
  public static final int ERR_RMA_SYNC = 47;
  public static final int ERR_SERVICE = 48;
  public static final int ERR_SIZE = 49;
  public static final int ERR_SPAWN = 50;
  public static final int ERR_UNSUPPORTED_DATAREP = 51;
  public static final int ERR_UNSUPPORTED_OPERATION = 52;
  public static final int ERR_WIN = 53;
  public static final int ERR_PROC_ABORTED = 74;
  public static final int ERR_SYSRESOURCE = -2;
  public static final int ERR_LASTCODE = 92;

  /** MPJ Express's debug switch (inlined into its programs; picluster logs nothing). */
  public static final boolean DEBUG = false;
  /** Processors of this machine (MPJ Express). */
  public static final int NUM_OF_PROCESSORS = Runtime.getRuntime().availableProcessors();
  /** MPJ Express internal flag, kept for source compatibility. */
  public static boolean isOldSelected = false;

  // ---------------------------------------------------------------- other objects

  /** ERRORS_ARE_FATAL ends the job on an error; ERRORS_RETURN throws MPIException instead. */
  public static final Errhandler ERRORS_ARE_FATAL = Errhandler.FATAL;
  public static final Errhandler ERRORS_RETURN = Errhandler.RETURN;
  /** Open MPI 5: ends the job, like ERRORS_ARE_FATAL. */
  public static final Errhandler ERRORS_ABORT = Errhandler.ABORT;

  public static final Group GROUP_EMPTY = Group.EMPTY_GROUP;
  public static final Group GROUP_NULL = Group.NULL_GROUP;
  /** MPJ Express's status with no message: source ANY_SOURCE, tag ANY_TAG. */
  public static final Status EMPTY_STATUS = new Status();

  // ---------------------------------------------------------------- environment

  /** Every rank of the job; bound by each Init, unusable before Init and after Finalize. */
  public static final Intracomm COMM_WORLD = new Intracomm();
  /** This rank alone (an Intracomm, as in Open MPI; MPJ Express declares it a Comm). */
  public static final Intracomm COMM_SELF = new Intracomm();
  /** The null communicator (MPJ Express). */
  public static final Comm COMM_NULL = new Comm();
  /** The null request: waiting on it returns at once with an empty status. */
  public static final Request REQUEST_NULL = new Request();
  /** No hints (Open MPI). */
  public static final Info INFO_NULL = Info.nullInfo();
  /** How this process was started (Open MPI): host, arch, wdir. */
  public static final Info INFO_ENV = Info.environment();

  /**
   * Joins the job and makes COMM_WORLD and COMM_SELF usable; returns the program's arguments
   * unchanged. May be called again after Finalize (MPJ Express's test suite does so many times).
   */
  public static String[] Init(String[] args) throws MPIException {
    try {
      return Environment.init(args, THREAD_SINGLE);
    } catch (RuntimeException e) {
      throw Errors.handle(COMM_WORLD, "Init", e);
    }
  }

  /** Init asking for a thread level (MPJ Express): picluster provides every level, so {@code provided} is {@code required}. */
  public static String[] initThread(int required, int provided, String[] args) {
    try {
      return Environment.init(args, required);
    } catch (RuntimeException e) {
      throw Errors.handle(COMM_WORLD, "initThread", e);
    }
  }

  /** Init asking for a thread level (Open MPI); returns the level provided: the one asked for. */
  public static int InitThread(String[] args, int required) throws MPIException {
    try {
      Environment.init(args, required);
      return Environment.threadLevel();
    } catch (RuntimeException e) {
      throw Errors.handle(COMM_WORLD, "InitThread", e);
    }
  }

  /** Waits for every rank and for buffered sends, then ends this use of MPI (Init may follow). */
  public static void Finalize() throws MPIException {
    try {
      Environment.finish();
    } catch (RuntimeException e) {
      throw Errors.handle(COMM_WORLD, "Finalize", e);
    }
  }

  /** True once Init has been called (also after Finalize, as MPI says). */
  public static boolean Initialized() throws MPIException {
    return Environment.isInitialized();
  }

  public static boolean isInitialized() throws MPIException {
    return Environment.isInitialized();
  }

  /** True after Finalize (until the next Init). */
  public static boolean isFinalized() throws MPIException {
    return Environment.isFinalized();
  }

  /** The thread level Init provided. */
  public static int queryThread() throws MPIException {
    try {
      return Environment.threadLevel();
    } catch (RuntimeException e) {
      throw Errors.handle(COMM_WORLD, "queryThread", e);
    }
  }

  /** True on the thread that called Init (MPJ Express). */
  public static boolean isMainThread() {
    try {
      return Environment.isMainThread();
    } catch (RuntimeException e) {
      throw Errors.handle(COMM_WORLD, "isMainThread", e);
    }
  }

  /** True on the thread that called Init (Open MPI). */
  public static boolean isThreadMain() throws MPIException {
    try {
      return Environment.isMainThread();
    } catch (RuntimeException e) {
      throw Errors.handle(COMM_WORLD, "isThreadMain", e);
    }
  }

  /** The name of this rank's host. */
  public static String Get_processor_name() throws MPIException {
    return io.picluster.comm.Comm.processorName();
  }

  public static String getProcessorName() throws MPIException {
    return io.picluster.comm.Comm.processorName();
  }

  /** Gives buffered sends (Bsend) {@code buffer.capacity()} bytes to use (MPJ Express). */
  public static void Buffer_attach(ByteBuffer buffer) throws MPIException {
    try {
      Environment.bsendBuffer().attach(buffer, buffer == null ? 0 : buffer.capacity());
    } catch (RuntimeException e) {
      throw Errors.handle(COMM_WORLD, "Buffer_attach", e);
    }
  }

  /** Waits until every buffered message has left, then takes the buffer back (MPJ Express). */
  public static void Buffer_detach() throws MPIException {
    try {
      Environment.bsendBuffer().detach();
    } catch (RuntimeException e) {
      throw Errors.handle(COMM_WORLD, "Buffer_detach", e);
    }
  }

  /** Gives buffered sends (bSend) {@code buffer.length} bytes to use (Open MPI). */
  public static void attachBuffer(byte[] buffer) throws MPIException {
    try {
      Environment.bsendBuffer().attach(buffer, buffer == null ? 0 : buffer.length);
    } catch (RuntimeException e) {
      throw Errors.handle(COMM_WORLD, "attachBuffer", e);
    }
  }

  /** Waits until every buffered message has left, then returns the buffer attached (Open MPI). */
  public static byte[] detachBuffer() throws MPIException {
    try {
      Object buffer = Environment.bsendBuffer().detach();
      if (buffer instanceof ByteBuffer) {
        ByteBuffer b = (ByteBuffer) buffer;
        return b.hasArray() ? b.array() : null;
      }
      return (byte[]) buffer;
    } catch (RuntimeException e) {
      throw Errors.handle(COMM_WORLD, "detachBuffer", e);
    }
  }

  /** Sets the error handler of COMM_WORLD (MPJ Express's static form). */
  public static void Errorhandler_set(Errhandler errhandler) throws MPIException {
    COMM_WORLD.setErrhandler(errhandler);
  }

  public static Errhandler Errorhandler_get() throws MPIException {
    return COMM_WORLD.getErrhandler();
  }

  // ---------------------------------------------------------------- time

  private static final long EPOCH = System.nanoTime();

  /** Seconds since an arbitrary moment of this process, with nanosecond resolution. */
  public static double Wtime() throws MPIException {
    return (System.nanoTime() - EPOCH) / 1e9;
  }

  public static double wtime() throws MPIException {
    return Wtime();
  }

  /** The resolution of Wtime in seconds. */
  public static double Wtick() throws MPIException {
    return 1e-9;
  }

  public static double wtick() throws MPIException {
    return Wtick();
  }

  /** The MPI standard version followed (3.1). */
  public static Version getVersion() {
    return new Version(VERSION, SUBVERSION);
  }

  public static String getLibVersion() {
    return "picluster mpi (MPJ Express 0.44 and Open MPI Java APIs), MPI " + VERSION + "." + SUBVERSION;
  }

  /** Profiling control: nothing to do. */
  public static void pControl(int level, Object obj) {
  }

  // ---------------------------------------------------------------- buffers (Open MPI)

  /** A direct byte buffer in native byte order. */
  public static ByteBuffer newByteBuffer(int capacity) {
    return ByteBuffer.allocateDirect(capacity).order(ByteOrder.nativeOrder());
  }

  public static CharBuffer newCharBuffer(int capacity) {
    return newByteBuffer(Math.multiplyExact(capacity, 2)).asCharBuffer();
  }

  public static ShortBuffer newShortBuffer(int capacity) {
    return newByteBuffer(Math.multiplyExact(capacity, 2)).asShortBuffer();
  }

  public static IntBuffer newIntBuffer(int capacity) {
    return newByteBuffer(Math.multiplyExact(capacity, 4)).asIntBuffer();
  }

  public static LongBuffer newLongBuffer(int capacity) {
    return newByteBuffer(Math.multiplyExact(capacity, 8)).asLongBuffer();
  }

  public static FloatBuffer newFloatBuffer(int capacity) {
    return newByteBuffer(Math.multiplyExact(capacity, 4)).asFloatBuffer();
  }

  public static DoubleBuffer newDoubleBuffer(int capacity) {
    return newByteBuffer(Math.multiplyExact(capacity, 8)).asDoubleBuffer();
  }

  /**
   * The buffer from element offset on (to its limit), sharing its content; as in Open MPI the
   * given buffer's position is set to offset. Pass slices where Open MPI has no offset argument.
   */
  public static ByteBuffer slice(ByteBuffer buf, int offset) {
    buf.position(offset);
    return buf.slice().order(buf.order());
  }

  public static CharBuffer slice(CharBuffer buf, int offset) {
    buf.position(offset);
    return buf.slice();
  }

  public static ShortBuffer slice(ShortBuffer buf, int offset) {
    buf.position(offset);
    return buf.slice();
  }

  public static IntBuffer slice(IntBuffer buf, int offset) {
    buf.position(offset);
    return buf.slice();
  }

  public static LongBuffer slice(LongBuffer buf, int offset) {
    buf.position(offset);
    return buf.slice();
  }

  public static FloatBuffer slice(FloatBuffer buf, int offset) {
    buf.position(offset);
    return buf.slice();
  }

  public static DoubleBuffer slice(DoubleBuffer buf, int offset) {
    buf.position(offset);
    return buf.slice();
  }

  /** The array from element offset on, as a buffer sharing it (native byte order for bytes). */
  public static ByteBuffer slice(byte[] buf, int offset) {
    return ByteBuffer.wrap(buf, offset, buf.length - offset).slice().order(ByteOrder.nativeOrder());
  }

  public static CharBuffer slice(char[] buf, int offset) {
    return CharBuffer.wrap(buf, offset, buf.length - offset).slice();
  }

  public static ShortBuffer slice(short[] buf, int offset) {
    return ShortBuffer.wrap(buf, offset, buf.length - offset).slice();
  }

  public static IntBuffer slice(int[] buf, int offset) {
    return IntBuffer.wrap(buf, offset, buf.length - offset).slice();
  }

  public static LongBuffer slice(long[] buf, int offset) {
    return LongBuffer.wrap(buf, offset, buf.length - offset).slice();
  }

  public static FloatBuffer slice(float[] buf, int offset) {
    return FloatBuffer.wrap(buf, offset, buf.length - offset).slice();
  }

  public static DoubleBuffer slice(double[] buf, int offset) {
    return DoubleBuffer.wrap(buf, offset, buf.length - offset).slice();
  }
}
