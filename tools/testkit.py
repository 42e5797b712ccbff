"""What every test file in tools/ shares: load a tool by its file (tools/ is not on
sys.path when Python runs with -I), and run a test module, ending with the line
"N passed, N failed" that .ci/run adds up."""
import importlib.util
import os
import sys
import unittest

sys.dont_write_bytecode = True  # leave no __pycache__ in tools/
HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)


def load(name):
    """The module tools/NAME.py, loaded once."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, os.path.join(HERE, name + ".py"))
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def main(module=None):
    """Run the tests of a module (the script being run by default); 1 if any failed."""
    module = module or sys.modules["__main__"]
    result = unittest.TextTestRunner(verbosity=1).run(
        unittest.defaultTestLoader.loadTestsFromModule(module))
    failed = len(result.failures) + len(result.errors)
    print("%d passed, %d failed" % (result.testsRun - failed - len(result.skipped), failed))
    return 1 if failed else 0
