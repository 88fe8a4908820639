namespace hoptac {}
