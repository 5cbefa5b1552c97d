// Package redistest starts a real redis-server on a loopback port for tests and speaks just
// enough RESP to query it. Tests skip when redis-server is missing, and fail when CI is set.
package redistest

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Require returns the redis-server path, skipping (or failing in CI) when it is missing.
func Require(t testing.TB) string {
	t.Helper()
	p, err := exec.LookPath("redis-server")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("redis-server not installed (apt-get install redis-server); required in CI")
		}
		t.Skip("redis-server not installed: apt-get install redis-server to run this test")
	}
	return p
}

// Server is a running redis-server.
type Server struct {
	cmd  *exec.Cmd
	conn net.Conn
	r    *bufio.Reader
	done chan error
	// Log is the server's log file, to explain a refusal.
	Log string
}

func freePort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// Start runs redis-server with the given leading arguments (a config file, say) followed by a
// loopback port, no persistence and a temp dir. ok is false when the server refused to start.
// When auth is non-nil it is sent (AUTH user pass) before returning.
func Start(t testing.TB, bin string, leading []string, auth []string) (*Server, bool) {
	t.Helper()
	dir := t.TempDir()
	port := freePort(t)
	s := &Server{Log: filepath.Join(dir, "redis.log"), done: make(chan error, 1)}
	args := append(append([]string{}, leading...), "--port", strconv.Itoa(port), "--bind", "127.0.0.1",
		"--save", "", "--appendonly", "no", "--daemonize", "no", "--dir", dir, "--logfile", s.Log,
		"--pidfile", filepath.Join(dir, "redis.pid"), "--tls-port", "0")
	s.cmd = exec.Command(bin, args...)
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { s.done <- s.cmd.Wait() }()
	t.Cleanup(s.stop)
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case err := <-s.done:
			s.done <- err
			return s, false
		default:
		}
		c, err := net.DialTimeout("tcp", fmt.Sprintf("127.0.0.1:%d", port), 200*time.Millisecond)
		if err != nil {
			time.Sleep(20 * time.Millisecond)
			continue
		}
		s.conn, s.r = c, bufio.NewReader(c)
		if auth == nil {
			return s, true
		}
		if _, err := s.Do(append([]string{"AUTH"}, auth...)...); err != nil {
			// Redis 7.0 crashes on some refused files after it starts listening.
			select {
			case err := <-s.done:
				s.done <- err
				return s, false
			case <-time.After(3 * time.Second):
				t.Fatalf("auth: %v", err)
			}
		}
		return s, true
	}
	t.Fatal("redis-server neither started nor exited")
	return nil, false
}

func (s *Server) stop() {
	if s.conn != nil {
		_ = s.conn.Close() // the server is killed next; nothing to report
	}
	if s.cmd.Process != nil {
		_ = s.cmd.Process.Kill()
	}
	// A killed server exits with a signal status, which says nothing useful here.
	if err := <-s.done; err != nil {
		return
	}
}

// Do sends one command and reads its reply: string, int, nil, []any, or an error reply.
func (s *Server) Do(args ...string) (any, error) {
	var b strings.Builder
	fmt.Fprintf(&b, "*%d\r\n", len(args))
	for _, a := range args {
		fmt.Fprintf(&b, "$%d\r\n%s\r\n", len(a), a)
	}
	if err := s.conn.SetDeadline(time.Now().Add(5 * time.Second)); err != nil {
		return nil, err
	}
	if _, err := s.conn.Write([]byte(b.String())); err != nil {
		return nil, err
	}
	return readReply(s.r)
}

func readReply(r *bufio.Reader) (any, error) {
	line, err := r.ReadString('\n')
	if err != nil {
		return nil, err
	}
	line = strings.TrimRight(line, "\r\n")
	if line == "" {
		return nil, errors.New("empty reply")
	}
	switch line[0] {
	case '+':
		return line[1:], nil
	case '-':
		return nil, errors.New(line[1:])
	case ':':
		return strconv.Atoi(line[1:])
	case '$':
		n, _ := strconv.Atoi(line[1:])
		if n < 0 {
			return nil, nil
		}
		buf := make([]byte, n+2)
		if _, err := io.ReadFull(r, buf); err != nil {
			return nil, err
		}
		return string(buf[:n]), nil
	case '*':
		n, _ := strconv.Atoi(line[1:])
		out := make([]any, 0, max(n, 0))
		for i := 0; i < n; i++ {
			v, err := readReply(r)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	}
	return nil, fmt.Errorf("unexpected reply %q", line)
}
