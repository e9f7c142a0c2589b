-- Visitor salts now live in memory only (see VisitorSalts): a salt stored beside IPv4 prefixes and
-- visitor hashes lets anyone holding the file recover full addresses by trying 256 hosts.
DROP TABLE visitor_salts;
