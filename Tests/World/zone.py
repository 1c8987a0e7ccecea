"""The scenario's DNS data, answered like a validating recursive resolver would."""

import dnswire
from dnswire import normalize_name, type_number, type_name

MAX_CNAME_HOPS = 8
SOA_MNAME = "ns.world.invalid"
SOA_RNAME = "hostmaster.world.invalid"


class Resolution:
    """What a query resolves to: an rcode and records as (owner, type, ttl, rdata)."""

    def __init__(self, rcode, answers, authority, authenticated):
        self.rcode = rcode
        self.answers = answers
        self.authority = authority
        self.authenticated = authenticated


class Zone:
    """Records by lower-case name and type; behaviours and `authenticated` by name."""

    def __init__(self, spec, world_address):
        spec = spec or {}
        self.ttl = int(spec.get("ttl") or 60)
        self.records = {}
        self.existing_names = set()
        for record in spec.get("records", []):
            self._add(record, world_address)
        self.authenticated = {normalize_name(name) for name in spec.get("authenticated", [])}
        self.behaviours = {
            normalize_name(name): str(behaviour)
            for name, behaviour in (spec.get("behaviours") or {}).items()
            if behaviour
        }

    def _add(self, record, world_address):
        name = normalize_name(record["name"])
        rtype_name = record["type"].upper()
        rtype = type_number(rtype_name)
        rdata = dnswire.encode_rdata(rtype_name, record.get("value"), record.get("strings"), world_address)
        ttl = int(record.get("ttl") or self.ttl)
        self.records.setdefault(name, {}).setdefault(rtype, []).append((ttl, rdata))
        # The name and every ancestor exist (ancestors as empty non-terminals).
        labels = name.split(".")
        for index in range(len(labels)):
            self.existing_names.add(".".join(labels[index:]))

    def behaviour_for(self, qname):
        return self.behaviours.get(normalize_name(qname))

    def exists(self, name):
        return normalize_name(name) in self.existing_names

    def resolve(self, qname, qtype):
        """Answers one question, following in-zone CNAMEs (RFC 1034 §4.3.2)."""
        name = normalize_name(qname)
        answers = []
        authenticated = name in self.authenticated
        for _ in range(MAX_CNAME_HOPS):
            by_type = self.records.get(name)
            if by_type is None:
                rcode = dnswire.RCODE_NOERROR if name in self.existing_names else dnswire.RCODE_NXDOMAIN
                authority = [] if answers and rcode == dnswire.RCODE_NOERROR else [self.soa(name)]
                return Resolution(rcode, answers, authority, authenticated)
            if qtype == dnswire.TYPES["ANY"]:
                for rtype, rrset in by_type.items():
                    answers += [(name, rtype, ttl, rdata) for ttl, rdata in rrset]
                break
            if qtype in by_type:
                answers += [(name, qtype, ttl, rdata) for ttl, rdata in by_type[qtype]]
                break
            cname = by_type.get(dnswire.TYPES["CNAME"])
            if not cname:
                break
            ttl, rdata = cname[0]
            answers.append((name, dnswire.TYPES["CNAME"], ttl, rdata))
            name = normalize_name(dnswire.decode_name(rdata, 0)[0])
            authenticated = authenticated and name in self.authenticated
        authority = [] if any(rtype == qtype for _, rtype, _, _ in answers) else [self.soa(name)]
        return Resolution(dnswire.RCODE_NOERROR, answers, authority, authenticated)

    def soa(self, name):
        """A synthetic SOA for negative answers (RFC 2308 §3), owned by the last label."""
        apex = name.rsplit(".", 1)[-1] if name else ""
        rdata = dnswire.encode_rdata(
            "SOA", f"{SOA_MNAME} {SOA_RNAME} 1 3600 600 86400 {self.ttl}", None, None)
        return (apex, dnswire.TYPES["SOA"], self.ttl, rdata)

    def describe(self):
        return {name: sorted(type_name(t) for t in types) for name, types in self.records.items()}
