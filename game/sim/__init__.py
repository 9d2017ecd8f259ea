"""Batch runs of AI-played games (Monte Carlo). No pygame here."""
