# Shared by testbed/up, testbed/sh and testbed/down; sourced, not run.
#
# Node K is one long-lived "holder" process (sleep) that owns the node's namespaces: network
# (ip netns picluster-nodeK), UTS (hostname nodeK) and mount (private home folder, /tmp and /etc
# files). Everything else in the node is entered with nsenter into the holder's namespaces.

TB_DIR=${PICLUSTER_TESTBED_DIR:-/run/picluster-testbed}
# This checkout: it stays visible in every node even when it lies under the nodes' private /tmp.
TB_REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TB_USER=${PICLUSTER_TESTBED_USER:-pi}
TB_NS_PREFIX=picluster-node
TB_BR_BACKBONE=pic-br0
TB_BR_DECOY=pic-br1
TB_BACKBONE_NET=10.0.0        # node K is 10.0.0.K/24 on eth0
TB_DECOY_NET=192.168.50       # node K is 192.168.50.K/24 on wlan0
TB_DECOY_GATEWAY=192.168.50.254  # exists nowhere: the default route leads into a dead end
TB_MAX_NODES=64
TB_USER_COMMENT="picluster testbed"  # marks a login user that the testbed created
# Optional, off unless set: the login user's password, and sshd then accepts password logins too
# (for testing 'picluster keys', which installs keys with a password where key login fails).
TB_PASSWORD=${PICLUSTER_TESTBED_PASSWORD:-}
# Optional, off unless 1: nodes that 'picluster slurm' can set Slurm up on (see tb_node_slurm).
TB_SLURM=${PICLUSTER_TESTBED_SLURM:-}

tb_die() {
  echo "testbed: $1" >&2
  exit "${2:-1}"
}

tb_need_root() {
  [ "$(id -u)" = 0 ] || tb_die "must run as root"
}

tb_need_tools() {
  local t
  for t in ip unshare nsenter setpriv flock ss ssh ssh-keygen useradd getent; do
    command -v "$t" >/dev/null 2>&1 || tb_die "missing command $t (apt-get install iproute2 util-linux openssh-client passwd)"
  done
  if [ -n "$TB_PASSWORD" ]; then
    command -v chpasswd >/dev/null 2>&1 || tb_die "missing command chpasswd (apt-get install passwd)"
  fi
  tb_sshd >/dev/null
}

# "yes" when PICLUSTER_TESTBED_PASSWORD is set, else "no" (the default: keys only).
tb_password_auth() {
  if [ -n "$TB_PASSWORD" ]; then echo yes; else echo no; fi
}

# Gives the login user the password PICLUSTER_TESTBED_PASSWORD, but only a user the testbed made:
# it never changes a real account's password.
tb_set_password() {
  local shadow
  case "$TB_PASSWORD" in
    *$'\n'* | *$'\r'*) tb_die "PICLUSTER_TESTBED_PASSWORD must be one line" 2 ;;
  esac
  [ "$(getent passwd "$TB_USER" | cut -d: -f5)" = "$TB_USER_COMMENT" ] ||
    tb_die "PICLUSTER_TESTBED_PASSWORD: user $TB_USER was not made by the testbed, and the testbed does not change a real account's password; unset it or use another PICLUSTER_TESTBED_USER" 2
  printf '%s:%s\n' "$TB_USER" "$TB_PASSWORD" | chpasswd
  # sshd (UsePAM no) checks the password with crypt(3) against this hash.
  shadow=$(getent shadow "$TB_USER" | cut -d: -f2)
  case "$shadow" in
    '$'*) ;;
    *) tb_die "chpasswd left no password hash for $TB_USER" ;;
  esac
}

# sshd must be started by absolute path (it re-executes itself for every connection).
tb_sshd() {
  local p
  p=$(command -v sshd 2>/dev/null || true)
  [ -n "$p" ] || { [ -x /usr/sbin/sshd ] && p=/usr/sbin/sshd; }
  [ -n "$p" ] || tb_die "missing sshd (apt-get install openssh-server)"
  echo "$p"
}

# rm -rf on the state dir must never hit anything else, whatever the environment says.
tb_check_dir() {
  case "$TB_DIR" in
    /*/*testbed*) ;;
    *) tb_die "PICLUSTER_TESTBED_DIR must be an absolute path whose last part contains 'testbed': $TB_DIR" 2 ;;
  esac
  case "$(basename "$TB_DIR")" in
    *testbed*) ;;
    *) tb_die "PICLUSTER_TESTBED_DIR must be an absolute path whose last part contains 'testbed': $TB_DIR" 2 ;;
  esac
}

# up and down serialise on a lock next to the state dir (the state dir itself comes and goes).
tb_lock() {
  mkdir -p "$(dirname "$TB_DIR")"
  exec 9>"$TB_DIR.lock"
  flock -w 120 9 || tb_die "another testbed up/down still holds $TB_DIR.lock after 120 s"
}

tb_check_node_number() {
  case "$1" in
    '' | *[!0-9]* | 0*) return 1 ;;
  esac
  [ "$1" -ge 1 ] && [ "$1" -le "$TB_MAX_NODES" ]
}

# True if PID is alive and inside network namespace NS (guards against a recycled PID).
tb_pid_in_ns() {
  local pid=$1 ns=$2
  case "$pid" in '' | *[!0-9]*) return 1 ;; esac
  [ -d "/proc/$pid" ] || return 1
  ip netns identify "$pid" 2>/dev/null | grep -qx "$ns"
}

# The holder PID of node K, or nothing if the node is not up.
tb_holder_pid() {
  local k=$1 pid
  pid=$(cat "$TB_DIR/node$k/holder.pid" 2>/dev/null || true)
  if tb_pid_in_ns "$pid" "$TB_NS_PREFIX$k"; then echo "$pid"; fi
}

# Wait (bounded: TRIES x 0.1 s) until COMMAND succeeds.
tb_wait() {
  local tries=$1 i
  shift
  for ((i = 0; i < tries; i++)); do
    if "$@"; then return 0; fi
    sleep 0.1
  done
  return 1
}

tb_ns_empty() {
  [ -z "$(ip netns pids "$1" 2>/dev/null)" ]
}

tb_user_home() {
  getent passwd "$TB_USER" | cut -d: -f6
}

tb_kill_pids() {
  local sig=$1 pid
  shift
  for pid in "$@"; do kill "-$sig" "$pid" 2>/dev/null || true; done
}

# Ends every process of node namespace NS by PID: sshd and holder from their pid files first,
# then whatever else still lives in the namespace (login sessions, ranks, agents).
tb_stop_ns() {
  local ns=$1 k=${1#"$TB_NS_PREFIX"} f pid
  for f in "$TB_DIR/node$k/sshd.pid" "$TB_DIR/node$k/holder.pid"; do
    pid=$(cat "$f" 2>/dev/null || true)
    if tb_pid_in_ns "$pid" "$ns"; then kill -TERM "$pid" 2>/dev/null || true; fi
  done
  # shellcheck disable=SC2046  # PIDs are plain numbers
  tb_kill_pids TERM $(ip netns pids "$ns" 2>/dev/null)
  if ! tb_wait 50 tb_ns_empty "$ns"; then
    # shellcheck disable=SC2046
    tb_kill_pids KILL $(ip netns pids "$ns" 2>/dev/null)
    tb_wait 50 tb_ns_empty "$ns" || echo "testbed: processes still in $ns: $(ip netns pids "$ns" | tr '\n' ' ')" >&2
  fi
}

tb_down() {
  local ns link br user home
  for ns in $(ip netns list 2>/dev/null | awk '{print $1}' | grep -E "^$TB_NS_PREFIX[0-9]+\$" || true); do
    tb_stop_ns "$ns"
    ip netns del "$ns" 2>/dev/null || true
  done
  # The root-side veth ends normally vanish with their namespace; delete any that did not.
  for link in $(ip -o link show 2>/dev/null | awk -F': ' '{print $2}' | sed 's/@.*//' | grep -E '^pic-n[0-9]+[ew]$' || true); do
    ip link del "$link" 2>/dev/null || true
  done
  for br in "$TB_BR_BACKBONE" "$TB_BR_DECOY"; do
    if ip link show "$br" >/dev/null 2>&1; then ip link del "$br"; fi
  done
  # The login user goes too if the testbed made it (marked by its comment field), even when the
  # state dir was lost (a reboot empties /run).
  user=$(cat "$TB_DIR/user" 2>/dev/null || echo "$TB_USER")
  if [ "$(getent passwd "$user" | cut -d: -f5)" = "$TB_USER_COMMENT" ]; then
    home=$(getent passwd "$user" | cut -d: -f6)
    userdel "$user" 2>/dev/null || echo "testbed: could not remove user $user" >&2
    rmdir "$home" 2>/dev/null || true  # only the empty mount point the testbed made
  fi
  rm -rf "$TB_DIR"
}

# No IPv6 on the testbed's links: no link-local addresses, router solicitations or DAD multicast.
tb_no_ipv6() {
  local ns=$1 dev=$2
  if [ -n "$ns" ]; then
    ip netns exec "$ns" sh -c "[ ! -e /proc/sys/net/ipv6/conf/$dev ] || echo 1 >/proc/sys/net/ipv6/conf/$dev/disable_ipv6"
  elif [ -e "/proc/sys/net/ipv6/conf/$dev" ]; then
    echo 1 >"/proc/sys/net/ipv6/conf/$dev/disable_ipv6"
  fi
}

tb_bridge() {
  ip link add "$1" type bridge
  tb_no_ipv6 "" "$1"
  ip link set "$1" up
}

# A veth pair: ROOTEND on bridge BR in the root namespace, DEV with ADDR/24 in namespace NS.
tb_link() {
  local ns=$1 dev=$2 rootend=$3 br=$4 addr=$5
  ip link add "$rootend" type veth peer name "$dev" netns "$ns"
  tb_no_ipv6 "" "$rootend"
  tb_no_ipv6 "$ns" "$dev"
  ip link set "$rootend" master "$br" up
  ip -n "$ns" addr add "$addr/24" dev "$dev"
  ip -n "$ns" link set "$dev" up
}

tb_ensure_user() {
  local home shadow
  if ! getent passwd "$TB_USER" >/dev/null; then
    useradd -M -U -c "$TB_USER_COMMENT" -d "/home/$TB_USER" -s /bin/bash "$TB_USER"
    # UsePAM no rejects a locked ('!') account; '*' means no password but not locked.
    usermod -p '*' "$TB_USER"
  fi
  [ "$(id -u "$TB_USER")" != 0 ] || tb_die "user $TB_USER is root; the testbed needs a normal user" 2
  shadow=$(getent shadow "$TB_USER" | cut -d: -f2)
  case "$shadow" in
    '!'*) tb_die "user $TB_USER is locked, so sshd (UsePAM no) refuses it: usermod -p '*' $TB_USER" ;;
  esac
  home=$(tb_user_home)
  case "$home" in /?*) ;; *) tb_die "user $TB_USER has no usable home folder ($home)" ;; esac
  # The mount point of the per-node home folders; the root namespace only sees it empty.
  [ -d "$home" ] || mkdir -p "$home"
  echo "$TB_USER" >"$TB_DIR/user"
  if [ -n "$TB_PASSWORD" ]; then tb_set_password; fi
}

tb_node_up() {
  local k=$1 n=$2 ns="$TB_NS_PREFIX$1" d="$TB_DIR/node$1" pid i home group sshd
  home=$(tb_user_home)
  group=$(id -gn "$TB_USER")
  sshd=$(tb_sshd)
  mkdir -m 700 "$d"

  ip netns add "$ns"
  ip -n "$ns" link set lo up
  tb_link "$ns" eth0 "pic-n${k}e" "$TB_BR_BACKBONE" "$TB_BACKBONE_NET.$k"
  tb_link "$ns" wlan0 "pic-n${k}w" "$TB_BR_DECOY" "$TB_DECOY_NET.$k"
  # Like a Pi's Wi-Fi: the default route goes out wlan0; only 10.0.0.0/24 is reached via eth0.
  ip -n "$ns" route add default via "$TB_DECOY_GATEWAY" dev wlan0

  # The holder writes its own PID before exec'ing, so the PID is the sleep's in every case.
  # setsid and closed streams: it must not hold a caller's pipe (or the lock, fd 9) open or get
  # its Ctrl-C.
  # shellcheck disable=SC2016
  setsid sh -c 'echo $$ >"$1"; exec ip netns exec "$2" unshare --uts --mount --propagation private sleep infinity' \
    holder "$d/holder.pid" "$ns" </dev/null >/dev/null 2>"$d/holder.err" 9>&- &
  tb_wait 300 tb_holder_ready "$k" || tb_die "node$k: namespace holder did not start: $(cat "$d/holder.err" 2>/dev/null)"
  pid=$(tb_holder_pid "$k")

  nsenter -t "$pid" -u hostname "node$k"

  # Private per-node files, bind-mounted inside the node's mount namespace only.
  mkdir -m 755 "$d/home" "$d/etc"
  mkdir -m 1777 "$d/tmp"
  cp -a /etc/skel/. "$d/home/" 2>/dev/null || true
  mkdir -m 700 "$d/home/.ssh"
  cp "$TB_DIR/client_ed25519" "$d/home/.ssh/id_ed25519"
  cp "$TB_DIR/client_ed25519.pub" "$d/home/.ssh/id_ed25519.pub"
  cp "$TB_DIR/client_ed25519.pub" "$d/home/.ssh/authorized_keys"
  chmod 600 "$d/home/.ssh/id_ed25519" "$d/home/.ssh/authorized_keys"
  chown -R "$TB_USER:$group" "$d/home"
  echo "node$k" >"$d/etc/hostname"
  {
    echo "127.0.0.1 localhost"
    echo "::1 localhost ip6-localhost ip6-loopback"
    echo "127.0.1.1 node$k"  # as Debian and Raspberry Pi OS write it
    for ((i = 1; i <= n; i++)); do echo "$TB_BACKBONE_NET.$i node$i"; done
  } >"$d/etc/hosts"
  # No name server: a lookup of an unknown name fails at once, on loopback, instead of waiting.
  echo "# picluster testbed: no name server" >"$d/etc/resolv.conf"
  chmod 644 "$d/etc/"*
  nsenter -t "$pid" -m mount --bind "$d/home" "$home"
  # A checkout under /tmp (CI clones there) would vanish behind the private /tmp: hold on to it
  # with a bind mount made before /tmp is covered, then put it back at its own path.
  case "$TB_REPO/" in
    /tmp/*)
      mkdir -p "$d/repo"
      nsenter -t "$pid" -m mount --bind "$TB_REPO" "$d/repo"
      nsenter -t "$pid" -m mount --bind "$d/tmp" /tmp
      mkdir -p "$d/tmp${TB_REPO#/tmp}"
      nsenter -t "$pid" -m mount --bind "$d/repo" "$TB_REPO"
      ;;
    *) nsenter -t "$pid" -m mount --bind "$d/tmp" /tmp ;;
  esac
  for f in hostname hosts resolv.conf; do
    if [ -e "/etc/$f" ]; then nsenter -t "$pid" -m mount --bind "$d/etc/$f" "/etc/$f"; fi
  done

  if [ "$TB_SLURM" = 1 ]; then tb_node_slurm "$k" "$pid"; fi

  ssh-keygen -q -t ed25519 -N '' -C "node$k" -f "$d/ssh_host_ed25519_key"
  cat >"$d/sshd_config" <<EOF
# picluster testbed node$k
ListenAddress $TB_BACKBONE_NET.$k:22
HostKey $d/ssh_host_ed25519_key
PidFile $d/sshd.pid
UsePAM no
PasswordAuthentication $(tb_password_auth)
KbdInteractiveAuthentication no
PermitRootLogin no
AuthorizedKeysFile .ssh/authorized_keys
StrictModes yes
PrintMotd no
Subsystem sftp internal-sftp
MaxStartups 100:30:200
MaxSessions 100
AcceptEnv LANG LC_* PICLUSTER_*
EOF
  "$sshd" -t -f "$d/sshd_config" || tb_die "node$k: sshd rejects its config $d/sshd_config"
  # Without -D sshd daemonises (setsid, closed streams) inside the node's namespaces.
  nsenter -t "$pid" -u -m -n -- "$sshd" -f "$d/sshd_config" -E "$d/sshd.log" 9>&-
  tb_wait 300 tb_sshd_ready "$k" ||
    tb_die "node$k: sshd is not listening on $TB_BACKBONE_NET.$k:22 after 30 s: $(tail -n 3 "$d/sshd.log" 2>/dev/null)"
}

# PICLUSTER_TESTBED_SLURM=1: node K can take a Slurm set-up of its own, as a Pi would. Its Slurm and
# munge folders (/etc/slurm, /etc/munge, /var/lib and /var/log of both) and /run are private
# (empty at first: no systemd there, so daemons are started directly), the machine's cgroup file
# systems are mounted again under the fresh /sys that 'ip netns exec' gave the node (slurmd needs
# them), and the login user may use sudo without a password, by a rule in the node's own
# /etc/sudoers.d (the machine's is untouched). Needs sudo installed.
tb_node_slurm() {
  local k=$1 pid=$2 d="$TB_DIR/node$1" p line mp rest fstype opts
  command -v sudo >/dev/null 2>&1 || tb_die "PICLUSTER_TESTBED_SLURM=1 needs sudo (apt-get install sudo)"
  for p in etc/slurm etc/munge etc/sudoers.d var/lib/slurm var/log/slurm var/lib/munge var/log/munge; do
    mkdir -p "$d/slurm/$p" "/$p"
    nsenter -t "$pid" -m mount --bind "$d/slurm/$p" "/$p"
  done
  echo "$TB_USER ALL=(ALL) NOPASSWD: ALL" >"$d/slurm/etc/sudoers.d/picluster-testbed"
  chmod 440 "$d/slurm/etc/sudoers.d/picluster-testbed"
  chmod 755 "$d/slurm/etc/sudoers.d"
  # A private /run that still shows the testbed's state (sshd's config and PID file are there).
  mkdir -p -m 755 "$d/slurm/run/sshd" "$d/slurm/run/lock"
  case "$TB_DIR" in
    /run/*)
      mkdir -p "$d/slurm/run/${TB_DIR#/run/}"
      nsenter -t "$pid" -m mount --bind "$TB_DIR" "$d/slurm/run/${TB_DIR#/run/}"
      ;;
  esac
  nsenter -t "$pid" -m mount --rbind "$d/slurm/run" /run
  while IFS= read -r line; do
    mp=$(echo "$line" | cut -d' ' -f5)
    rest=${line#* - }
    fstype=${rest%% *}
    opts=${rest##* }
    case "$mp" in /sys/fs/cgroup | /sys/fs/cgroup/*) ;; *) continue ;; esac
    case "$fstype" in
      tmpfs) nsenter -t "$pid" -m mount -t tmpfs -o mode=755 tmpfs "$mp" ;;
      cgroup) nsenter -t "$pid" -m sh -c 'mkdir -p "$2" && mount -t cgroup -o "$1" cgroup "$2"' cg "$opts" "$mp" ;;
      cgroup2) nsenter -t "$pid" -m sh -c 'mkdir -p "$1" && mount -t cgroup2 cgroup2 "$1"' cg "$mp" ;;
    esac
  done </proc/self/mountinfo
}

tb_holder_ready() {
  local pid
  pid=$(tb_holder_pid "$1")
  [ -n "$pid" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = sleep ] &&
    [ "$(readlink "/proc/$pid/ns/uts")" != "$(readlink /proc/self/ns/uts)" ]
}

tb_sshd_ready() {
  local k=$1 pid
  pid=$(cat "$TB_DIR/node$k/sshd.pid" 2>/dev/null || true)
  tb_pid_in_ns "$pid" "$TB_NS_PREFIX$k" &&
    ip netns exec "$TB_NS_PREFIX$k" ss -Hltn | grep -q " $TB_BACKBONE_NET.$k:22 "
}
