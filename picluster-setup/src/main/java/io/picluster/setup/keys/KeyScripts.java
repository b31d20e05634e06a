package io.picluster.setup.keys;

/**
 * The POSIX shell scripts that {@code picluster keys} runs on a node: over ssh on a worker, with
 * {@code sh -c} on the master, so both sides behave the same. Each is idempotent, answers in
 * lines that start with a word ({@code created}, {@code change}, {@code warn}, {@code pub},
 * {@code added}, {@code present}, {@code known}, {@code changed}, {@code rc}), and only ever adds:
 * an existing key or line is never replaced.
 */
final class KeyScripts {
  /**
   * Makes {@code ~/.ssh/id_ed25519} (no passphrase, 0600) unless there is one, and prints its
   * public key ({@code pub LINE}). {@code created} when it made the key; {@code change TEXT} for
   * anything else it did (a too-open key made 0600, a missing .pub rewritten).
   */
  static final String ENSURE_KEY = """
      umask 077
      d=$HOME/.ssh
      k=$d/id_ed25519
      if [ ! -d "$d" ]; then
        mkdir -p "$d" && chmod 700 "$d" || exit 1
      fi
      if [ -e "$k" ]; then
        case "$(ls -ld "$k")" in
          ????------*) ;;
          *) chmod 600 "$k" || exit 1
             echo "change made ~/.ssh/id_ed25519 private (mode 600; ssh ignores a key others can read)" ;;
        esac
      else
        ssh-keygen -q -t ed25519 -N '' -C "$(id -un)@$(hostname)" -f "$k" </dev/null >/dev/null || exit 1
        echo created
      fi
      if [ ! -s "$k.pub" ]; then
        if ssh-keygen -y -P '' -f "$k" >"$k.pub.picluster" 2>/dev/null; then
          mv "$k.pub.picluster" "$k.pub" || exit 1
          echo "change wrote the missing ~/.ssh/id_ed25519.pub"
        else
          rm -f "$k.pub.picluster"
          echo "~/.ssh/id_ed25519 has a passphrase and no id_ed25519.pub beside it; write that with: ssh-keygen -y -f ~/.ssh/id_ed25519 > ~/.ssh/id_ed25519.pub" >&2
          exit 1
        fi
      fi
      echo "pub $(cat "$k.pub")"
      """;

  /**
   * Adds the key {@code $1} (a whole public key line) to {@code ~/.ssh/authorized_keys} unless a
   * line there holds {@code $2} (its {@code TYPE BASE64}): {@code added} or {@code present}. Warns
   * ({@code warn TEXT}) about what makes sshd's StrictModes ignore the file.
   */
  static final String AUTHORIZE = """
      umask 077
      d=$HOME/.ssh
      f=$d/authorized_keys
      if [ ! -d "$d" ]; then
        mkdir -p "$d" && chmod 700 "$d" || exit 1
      fi
      if [ -f "$f" ] && grep -qF -- "$2" "$f"; then
        echo present
      else
        if [ -s "$f" ] && [ -n "$(tail -c 1 "$f")" ]; then
          echo >>"$f" || exit 1
        fi
        printf '%s\\n' "$1" >>"$f" || exit 1
        if command -v restorecon >/dev/null 2>&1; then
          restorecon -F "$d" "$f" >/dev/null 2>&1
        fi
        echo added
      fi
      for p in "$HOME" "$d" "$f"; do
        case "$(ls -ld "$p")" in
          ?????w*|????????w*) echo "warn $p is writable by others, so sshd ignores the keys: chmod go-w $p" ;;
        esac
      done
      """;

  /**
   * Records host key {@code $1 $2} (type, base64) in {@code ~/.ssh/known_hosts} under each name
   * {@code $3...}: {@code added NAME} where the file has no key of that type for NAME,
   * {@code known NAME} where it has this one. If it has another for any name, nothing is added:
   * {@code changed NAME} for those, {@code missing NAME} for the names it would have added (the
   * user must decide). Hashed entries count, as {@code ssh-keygen -F} finds them.
   */
  static final String KNOW_HOST = """
      t=$1
      b=$2
      shift 2
      umask 077
      d=$HOME/.ssh
      f=$d/known_hosts
      if [ ! -d "$d" ]; then
        mkdir -p "$d" && chmod 700 "$d" || exit 1
      fi
      state() {
        found=$(ssh-keygen -F "$1" -f "$f" 2>/dev/null | awk -v t="$t" '$1 !~ /^[#@]/ && $2 == t { print $3 }')
        if [ -z "$found" ]; then
          echo missing
        elif printf '%s\\n' "$found" | grep -qxF -- "$b"; then
          echo known
        else
          echo changed
        fi
      }
      conflict=
      for n in "$@"; do
        [ "$(state "$n")" != changed ] || conflict=yes
      done
      for n in "$@"; do
        s=$(state "$n")
        if [ "$s" = missing ] && [ -z "$conflict" ]; then
          if [ -s "$f" ] && [ -n "$(tail -c 1 "$f")" ]; then
            echo >>"$f" || exit 1
          fi
          printf '%s %s %s\\n' "$n" "$t" "$b" >>"$f" || exit 1
          s=added
        fi
        echo "$s $n"
      done
      """;

  /**
   * Tries {@code ssh -o BatchMode=yes $1 true} from this node, as picluster's launcher would:
   * prints {@code rc CODE} and then ssh's messages. Always exits 0, so that ssh's own 255 here is
   * not mistaken for the outer connection failing.
   */
  static final String PROVE = """
      out=$(ssh -T -x -o BatchMode=yes -o ConnectTimeout=5 -o StrictHostKeyChecking=accept-new \\
        -o ControlMaster=no -o ControlPath=none -- "$1" true 2>&1 </dev/null)
      echo "rc $?"
      printf '%s\\n' "$out"
      """;

  /**
   * ENSURE_KEY and then KNOW_HOST with the arguments, in one session: what a worker does for the
   * way back to the master.
   */
  static final String ENSURE_KEY_AND_KNOW_HOST = "sh -c " + quote(ENSURE_KEY) + " picluster || exit 1\n"
      + "exec sh -c " + quote(KNOW_HOST) + " picluster \"$@\"\n";

  private KeyScripts() {}

  private static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }
}
