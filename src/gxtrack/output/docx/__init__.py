"""The monthly bulletin (通报) as a Word document: content in words, then laid out."""
