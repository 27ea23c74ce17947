"""Sources of articles: JSONL records, text files with a metadata header, HTML pages."""
