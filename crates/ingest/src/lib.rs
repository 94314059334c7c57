//! Input readers: plain text, JSONL, directories, gzip; typed documents with precise errors.
