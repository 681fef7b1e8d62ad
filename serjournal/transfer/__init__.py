"""Taking the journal out and bringing it back: CSV and JSON exports, imports
(own exports and Daylio), backups and restores. One module per format."""
