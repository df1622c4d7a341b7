# Local stand-in for a Slack incoming webhook, Slack's chat.postMessage, a webhook receiver and Zendesk's Tickets
# API (with users/me, which start-up asks), for measuring what the demo delivers: it answers as each API does (Slack 'ok', chat.postMessage
# {"ok":true,"ts":...}, Zendesk 201 with the ticket) and logs every request.
# Usage: python3 stub.py LOGFILE PORT
import json, sys, threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
LOG, PORT = sys.argv[1], int(sys.argv[2])
log = open(LOG, 'a')
tickets = {}
posted = []
lock = threading.Lock()
class H(BaseHTTPRequestHandler):
    def _body(self):
        n = int(self.headers.get('Content-Length') or 0)
        return self.rfile.read(n).decode() if n else ''
    def _send(self, code, body, ctype='application/json'):
        b = body.encode()
        self.send_response(code); self.send_header('Content-Type', ctype); self.send_header('Content-Length', str(len(b))); self.end_headers(); self.wfile.write(b)
    def log_message(self, *a): pass
    def handle_one(self, method):
        body = self._body()
        with lock:
            log.write(json.dumps({'method': method, 'path': self.path, 'idem': self.headers.get('Idempotency-Key'), 'sig': self.headers.get('X-Earshot-Signature'), 'len': len(body), 'thread': '"thread_ts"' in body, 'bearer': (self.headers.get('Authorization') or '').startswith('Bearer xoxb-')}) + '\n'); log.flush()
        if self.path == '/slack-api/chat.postMessage':
            if not (self.headers.get('Authorization') or '').startswith('Bearer xoxb-'):
                return self._send(200, '{"ok":false,"error":"not_authed"}')
            with lock:
                posted.append(1)
                ts = '1772604000.%06d' % len(posted)
            return self._send(200, json.dumps({'ok': True, 'channel': json.loads(body)['channel'], 'ts': ts}))
        if self.path.startswith('/slack'):
            return self._send(200, 'ok', 'text/plain')
        if self.path.startswith('/hook'):
            return self._send(200, '{}')
        if method == 'GET' and self.path == '/api/v2/users/me.json':
            return self._send(200, json.dumps({'user': {'id': 1, 'email': 'agent@example.com', 'role': 'agent'}}))
        if method == 'GET' and self.path.startswith('/api/v2/tickets.json'):
            ext = self.path.split('external_id=')[1]
            with lock:
                t = tickets.get(ext)
            return self._send(200, json.dumps({'tickets': [t] if t else [], 'count': 1 if t else 0, 'next_page': None}))
        if method == 'GET' and '/comments' in self.path:
            return self._send(200, json.dumps({'comments': [], 'next_page': None}))
        if method == 'POST' and self.path == '/api/v2/tickets.json':
            t = json.loads(body)['ticket']
            with lock:
                tid = len(tickets) + 1
                rec = {'id': tid, 'external_id': t.get('external_id'), 'status': 'new', 'priority': t.get('priority')}
                tickets[t.get('external_id')] = rec
            return self._send(201, json.dumps({'ticket': rec, 'audit': {'id': tid, 'events': []}}))
        if method == 'PUT' and self.path.startswith('/api/v2/tickets/'):
            tid = int(self.path.split('/')[4].split('.')[0])
            return self._send(200, json.dumps({'ticket': {'id': tid, 'status': 'open'}, 'audit': {'id': tid, 'events': []}}))
        self._send(404, '{"error":"not found"}')
    def do_GET(self): self.handle_one('GET')
    def do_POST(self): self.handle_one('POST')
    def do_PUT(self): self.handle_one('PUT')
ThreadingHTTPServer(('127.0.0.1', PORT), H).serve_forever()
