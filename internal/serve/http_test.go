package serve

import "testing"

func TestAllowedHost(t *testing.T) {
	for _, c := range []struct {
		host, bind string
		want       bool
	}{
		{"127.0.0.1:1313", "127.0.0.1", true},
		{"localhost:1313", "127.0.0.1", true},
		{"LOCALHOST.:1313", "127.0.0.1", true},
		{"docs.localhost:1313", "127.0.0.1", true},
		{"[::1]:1313", "127.0.0.1", true},
		{"127.0.0.2", "127.0.0.1", true},
		{"evil.example.com:1313", "127.0.0.1", false},
		{"localhost.evil.example.com", "127.0.0.1", false},
		{"192.168.1.5:1313", "127.0.0.1", false},
		{"192.168.1.5:1313", "192.168.1.5", true},
		{"192.168.1.5:1313", "0.0.0.0", true},
		{"devbox:1313", "0.0.0.0", true},
		{"evil.example.com", "0.0.0.0", false},
		{"preview.internal", "preview.internal", true},
		{"", "127.0.0.1", false},
	} {
		if got := allowedHost(c.host, c.bind, "devbox"); got != c.want {
			t.Errorf("allowedHost(%q, bind %q) = %v, want %v", c.host, c.bind, got, c.want)
		}
	}
}
