// placeholder until the index lands
