def check(checker):
    pass
