package service

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net"
)

// conn is one connection to the service: requests out, lines in.
type conn struct {
	c   net.Conn
	r   *bufio.Reader
	enc *json.Encoder
}

func dial(socket string) (*conn, error) {
	c, err := net.Dial("unix", socket)
	if err != nil {
		return nil, err
	}
	return &conn{c: c, r: bufio.NewReaderSize(c, 64<<10), enc: json.NewEncoder(c)}, nil
}

// roundTrip sends req and reads its answer. An error is the connection's, not the
// service's refusal (see responseError).
func (cn *conn) roundTrip(req Request) (Response, error) {
	if err := cn.enc.Encode(req); err != nil {
		return Response{}, err
	}
	var resp Response
	if err := cn.readLine(&resp); err != nil {
		return Response{}, err
	}
	return resp, nil
}

// readLine reads one JSON line into v.
func (cn *conn) readLine(v any) error {
	line, err := cn.r.ReadBytes('\n')
	if err != nil {
		return err
	}
	if err := json.Unmarshal(line, v); err != nil {
		return fmt.Errorf("download service sent a bad line: %w", err)
	}
	return nil
}

func (cn *conn) hello() (Hello, error) {
	resp, err := cn.roundTrip(Request{Op: "hello", Version: ProtocolVersion})
	if err != nil {
		return Hello{}, err
	}
	if err := responseError(resp); err != nil {
		return Hello{}, err
	}
	if resp.Hello == nil {
		return Hello{}, fmt.Errorf("download service: no hello in its answer")
	}
	return *resp.Hello, nil
}

func (cn *conn) close() { cn.c.Close() }
