"""Counters the tests read with {"cmd":"stats"}. Only touched from the event loop."""

from collections import Counter

import dnswire


class Stats:
    def __init__(self):
        self.reset()
        self.https_open = 0  # live gauge: survives reset_stats

    def reset(self):
        self.dns_queries = Counter()
        self.dns_tcp_queries = Counter()
        self.dns_malformed = 0
        self.https_requests = Counter()
        self.https_paths = Counter()
        self.https_connections = 0
        self.https_posts = Counter()
        self.https_max_concurrent = getattr(self, "https_open", 0)
        self.smtp_connections = 0
        self.smtp_tls_sessions = 0
        self.smtp_messages = Counter()
        self.smtp_tls_messages = Counter()

    def count_dns(self, qname, qtype, over_tcp):
        key = f"{dnswire.normalize_name(qname)} {dnswire.type_name(qtype)}"
        self.dns_queries[key] += 1
        if over_tcp:
            self.dns_tcp_queries[key] += 1

    def count_malformed_dns(self):
        self.dns_malformed += 1

    def connection_opened(self):
        self.https_connections += 1
        self.https_open += 1
        self.https_max_concurrent = max(self.https_max_concurrent, self.https_open)

    def connection_closed(self):
        self.https_open -= 1

    def count_request(self, host, path):
        self.https_requests[host] += 1
        self.https_paths[f"{host} {path}"] += 1

    def count_smtp_message(self, host, over_tls):
        self.smtp_messages[host] += 1
        if over_tls:
            self.smtp_tls_messages[host] += 1

    def count_post(self, host):
        """Counts a recorded POST; returns its number for the host (1, 2, ...)."""
        self.https_posts[host] += 1
        return self.https_posts[host]

    def snapshot(self):
        return {
            "dns_queries": dict(self.dns_queries),
            "dns_tcp_queries": dict(self.dns_tcp_queries),
            "dns_malformed": self.dns_malformed,
            "https_requests": dict(self.https_requests),
            "https_paths": dict(self.https_paths),
            "https_connections": self.https_connections,
            "https_max_concurrent": self.https_max_concurrent,
            "https_open": self.https_open,
            "smtp_connections": self.smtp_connections,
            "smtp_tls_sessions": self.smtp_tls_sessions,
            "smtp_messages": dict(self.smtp_messages),
            "smtp_tls_messages": dict(self.smtp_tls_messages),
            "https_posts": dict(self.https_posts),
        }
